// App-layer matching: the parsers call inspectBuffers(dir) (app/buffers.ts) once a transaction
// direction is complete; each filled buffer is scanned with the automaton of its buffer group
// (rules whose fast pattern lives in that buffer), and the content-less rules of each filled
// buffer (and of group 0: app-layer rules without buffer content) are checked too. A candidate
// carries a snapshot of every filled buffer of the transaction (copied once per call into the
// candidate data region: BUF_COUNT (offset, length) u32 pairs from the snapshot start, then the
// bytes), so the worker verifies multi-buffer rules (http.uri + http.host) in full. One candidate
// per rule per packet (rule stamps): a transaction direction completes on one packet. The length
// word's bit 31 says the buffer is filled (SNAP_FILLED), so an empty filled buffer is not absent.
// A multi-buffer's further values (matchAppValue) scan that buffer alone, each value with its own
// candidates: a rule whose fast pattern was in an earlier value that failed verification must get
// its chance on a later one. App rules never take stream stamps (they are in no stream group), so
// their stream stamp slot dedupes the candidates of one value, stamped with a serial per value.

import {
  CAND_F_APP,
  CAND_F_PKT_TO_SERVER,
  CAND_F_STREAM,
  CAND_F_TO_SERVER,
  candReserve,
  emitCandidate,
} from '../emit/alerts';
import { dstAddrPtr, dstPort, ipProto, ipVersion, srcAddrPtr, srcPort, tcpFlags } from '../decode/packet';
import { packetToServer } from '../flow/update';
import { SLOT_APP_OFF } from '../flow/table';
import { appSlot } from '../emit/app';
import { BUF_COUNT, bufLen, bufPtr } from '../app/buffers';
import { scanGroup } from './scan-group';
import {
  curPktNum,
  curPktPtr,
  curTsNs,
  slotFlagBits,
  slotFlowId,
  slotTcpState,
  stampRule,
  stampRuleWith,
} from './packet';
import { bufGroup, groupPtr, headerOk, matchOn, rsPtr, ruleAppProto } from './ruleset';

// Direction each buffer id is scanned in (bit 0 request / toserver, bit 1 response / toclient),
// as the BUFFER-ID TABLE's scope says: request buffers stay set on a response (for rules that
// combine them with response buffers) but are not scanned again there, so a request rule alerts
// once per transaction.
// prettier-ignore
const BUF_DIRS: StaticArray<u8> = [
  3, 1, 1, 1, 1, 1, 3, 3, 3, 1, 2, 2, 3, 1, 3, 1,
  2, 1, 1, 3, 3, 3, 1, 1, 1, 3, 2, 2, 2, 3, 2, 2,
  3, 2, 3, 2,
];

let snap: usize = 0;
let snapLen: u32 = 0;
let aSlot: usize = 0;
let aDir: u32 = 0;
let aProto: u32 = 0;
/** Non-zero while matchAppValue runs: the stamp of the value being inspected. */
let valueStamp: u32 = 0;
let valueSerial: u32 = 0;

/** Snapshot length word bit 31: the buffer is filled (a filled buffer may be empty: `User-Agent:`). */
const SNAP_FILLED: u32 = 0x80000000;

function snapshot(): usize {
  if (snap != 0) return snap;
  let total = BUF_COUNT * 8;
  for (let id: u32 = 1; id < BUF_COUNT; id++) total += bufLen(id);
  const p = candReserve(total);
  if (p == 0) return 0;
  let off = BUF_COUNT * 8;
  for (let id: u32 = 0; id < BUF_COUNT; id++) {
    const n = id == 0 ? 0 : bufLen(id);
    store<u32>(p + ((<usize>id) << 3), off);
    store<u32>(p + ((<usize>id) << 3) + 4, n | (id != 0 && bufPtr(id) != 0 ? SNAP_FILLED : 0));
    if (n > 0) memory.copy(p + <usize>off, bufPtr(id), n);
    off += n;
  }
  snap = p;
  snapLen = total;
  return p;
}

/** The buffer being scanned (scanGroup's callback takes no context). */
let aBufId: u32 = 0;

function bufCandidate(r: u32, end: u32, patLen: u32): void {
  candidate(r, aBufId, end, patLen);
}

function candidate(r: u32, bufId: u32, end: u32, patLen: u32): void {
  const ap = ruleAppProto(r);
  if (ap != 0 && ap != aProto) return;
  const toServer = aDir == 0;
  const sameDir = toServer == packetToServer;
  const sport = sameDir ? srcPort : dstPort;
  const dport = sameDir ? dstPort : srcPort;
  const srcA = sameDir ? srcAddrPtr : dstAddrPtr;
  const dstA = sameDir ? dstAddrPtr : srcAddrPtr;
  if (!headerOk(r, ipProto, sport, dport, true, ipVersion, srcA, dstA, tcpFlags, aSlot != 0, toServer))
    return;
  if (valueStamp != 0 ? !stampRuleWith(r, 1, valueStamp) : !stampRule(r, 0)) return;
  const s = snapshot();
  if (s == 0) return;
  let flags = CAND_F_STREAM | CAND_F_APP | (bufId << 16) | slotFlagBits(aSlot);
  if (toServer) flags |= CAND_F_TO_SERVER;
  if (packetToServer) flags |= CAND_F_PKT_TO_SERVER;
  emitCandidate(
    curPktNum,
    curTsNs,
    slotFlowId(aSlot),
    r,
    s,
    snapLen,
    flags,
    curPktPtr,
    slotTcpState(aSlot),
    end,
    0,
    0,
    patLen,
    0,
  );
}

function headerOnly(g: usize): void {
  const hdr = rsPtr + <usize>load<u32>(g + 12);
  const hn = load<u32>(g + 16);
  for (let k: u32 = 0; k < hn; k++) candidate(load<u32>(hdr + ((<usize>k) << 2)), 0, 0, 0);
}

function begin(dir: u32): void {
  aSlot = appSlot();
  aDir = dir;
  aProto = aSlot == 0 ? 0 : load<u32>(aSlot + SLOT_APP_OFF) & 0xff;
  snap = 0;
  snapLen = 0;
}

/** Scan filled buffer `id` with its group's automaton and run the group's content-less rules. */
function matchBuffer(id: u32): void {
  const g = groupPtr(bufGroup(id) - 1);
  aBufId = id;
  scanGroup(g, bufPtr(id), bufLen(id), bufCandidate);
  headerOnly(g);
}

/**
 * The matcher's part of inspectBufferValue(id, dir): buffer `id`, a multi-buffer, holds a further
 * value of a transaction direction already inspected by matchApp (the other buffers still set).
 */
export function matchAppValue(id: u32, dir: u32): void {
  if (!matchOn || ipVersion == 0) return;
  if (bufGroup(id) == 0 || ((<u32>unchecked(BUF_DIRS[id])) & (1 << dir)) == 0 || bufPtr(id) == 0) return;
  begin(dir);
  valueSerial++;
  if (valueSerial == 0) valueSerial = 1; // 0 means "not a value" (stamps are zeroed at load)
  valueStamp = valueSerial;
  matchBuffer(id);
  valueStamp = 0;
}

/** The matcher's part of inspectBuffers(dir): every buffer of the transaction is set. */
export function matchApp(dir: u32): void {
  if (!matchOn || ipVersion == 0) return;
  begin(dir);
  const g0 = bufGroup(0);
  if (g0 != 0) headerOnly(groupPtr(g0 - 1));
  for (let id: u32 = 1; id < BUF_COUNT; id++) {
    const g1 = bufGroup(id);
    if (g1 == 0 || ((<u32>unchecked(BUF_DIRS[id])) & (1 << dir)) == 0) continue;
    if (bufPtr(id) == 0) continue; // not filled (an empty filled buffer still runs its content-less rules)
    matchBuffer(id);
  }
}
