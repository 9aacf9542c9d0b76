// The loaded ruleset: a versioned blob built by src/rules/compile/ruleset.ts, copied once into a
// region carved at the top of memory (after the configured regions: load it after applyConfig),
// with the matcher's own tables carved beside it: rule stamps (one alert candidate per rule per
// packet and buffer kind), the per-flow-direction stream states, the candidate records and data.
//
// Blob layout (u32 little-endian words; offsets from the blob start):
//   0 magic 'NSRS' · 1 version · 2 ruleCount · 3 groupCount · 4 streamTail (bytes kept per flow
//   direction for stream windows, multiple of 4) · 5 protoGroupsOff · 6 groupsOff · 7 rulesOff ·
//   8 totalBytes
//   protoGroups: 4 u32 (tcp, udp, icmp, other): group index + 1, 0 = no rules
//   group (GROUP_WORDS u32): acOff (0 = no automaton) · patRuleIndexOff (patternCount + 1 u32) ·
//     patRulesOff (rule indexes) · hdrOnlyOff · hdrOnlyCount · pad
//   rule (RULE_WORDS u32): proto (0 = any) · flags (RF_*) · srcPortsOff · srcPortsCount ·
//     dstPortsOff · dstPortsCount · pad · pad. Ports: (lo, hi) u32 pairs; count 0 = any port.

import { CAND_CAPACITY, CAND_DATA_CAPACITY, CAND_RECORD_SIZE, initCandidates } from '../emit/alerts';
import { maxFlows } from '../flow/table';
import { acValid } from './ac';

export const RS_MAGIC: u32 = 0x5352534e;
export const RS_VERSION: u32 = 1;
export const GROUP_WORDS: u32 = 6;
export const RULE_WORDS: u32 = 8;
export const RF_BIDIR: u32 = 1;
export const RF_PKT_ONLY: u32 = 2;
export const RF_STREAM_ONLY: u32 = 4;

export const RS_OK: u32 = 0;
export const RS_BAD_MAGIC: u32 = 1;
export const RS_BAD_VERSION: u32 = 2;
export const RS_BAD_LENGTH: u32 = 3;
export const RS_BAD_AUTOMATON: u32 = 4;

export let rsPtr: usize = 0;
export let ruleCount: u32 = 0;
export let matchOn: bool = false;
export let streamTail: u32 = 0;
let groupsPtr: usize = 0;
let rulesPtr: usize = 0;
let protoGroupsPtr: usize = 0;
/** u32 per rule: last packet stamp (packet buffer) and, after it, the stream buffer stamps. */
export let stampsPtr: usize = 0;
/** Per flow direction: STREAM_ENTRY_HEAD bytes then streamTail bytes of earlier stream data. */
export let streamTablePtr: usize = 0;
export let streamEntries: u32 = 0;
export let streamEntrySize: u32 = 0;
export const STREAM_ENTRY_HEAD: u32 = 16;

let blobCap: usize = 0;
let blobPtr: usize = 0;
let top: usize = 0;

function carveTop(bytes: usize): usize {
  if (top == 0) top = (<usize>memory.size()) << 16;
  const p = (top + 63) & ~(<usize>63);
  const end = p + bytes;
  const need = <i32>((end + 0xffff) >> 16);
  const have = memory.size();
  if (need > have && memory.grow(need - have) < 0) abort('cannot grow memory for the ruleset');
  top = end;
  return p;
}

/** Where JS writes a blob of `len` bytes before loadRuleset(len). */
export function rulesetBuffer(len: u32): usize {
  if (<usize>len > blobCap) {
    blobPtr = carveTop(<usize>len);
    blobCap = len;
  }
  return blobPtr;
}

export function loadRulesetBlob(len: u32): u32 {
  matchOn = false;
  if (len == 0) return RS_OK;
  const p = blobPtr;
  if (len < 36) return RS_BAD_LENGTH;
  if (load<u32>(p) != RS_MAGIC) return RS_BAD_MAGIC;
  if (load<u32>(p + 4) != RS_VERSION) return RS_BAD_VERSION;
  if (load<u32>(p + 32) != len) return RS_BAD_LENGTH;
  rsPtr = p;
  ruleCount = load<u32>(p + 8);
  const groupCount = load<u32>(p + 12);
  streamTail = load<u32>(p + 16);
  protoGroupsPtr = p + <usize>load<u32>(p + 20);
  groupsPtr = p + <usize>load<u32>(p + 24);
  rulesPtr = p + <usize>load<u32>(p + 28);
  for (let g: u32 = 0; g < groupCount; g++) {
    const ac = load<u32>(groupsPtr + <usize>(g * GROUP_WORDS * 4));
    if (ac != 0 && !acValid(p + <usize>ac)) return RS_BAD_AUTOMATON;
  }
  stampsPtr = carveTop(<usize>ruleCount * 8);
  memory.fill(stampsPtr, 0, <usize>ruleCount * 8);
  streamEntries = max<u32>(maxFlows, 1) * 2;
  streamEntrySize = STREAM_ENTRY_HEAD + streamTail;
  streamTablePtr = carveTop(<usize>streamEntries * <usize>streamEntrySize);
  memory.fill(streamTablePtr, 0, <usize>streamEntries * <usize>streamEntrySize);
  const recs = carveTop(<usize>CAND_CAPACITY * <usize>CAND_RECORD_SIZE);
  const data = carveTop(<usize>CAND_DATA_CAPACITY);
  initCandidates(recs, data);
  matchOn = true;
  return RS_OK;
}

/** Group index + 1 for a packet protocol class (0 tcp, 1 udp, 2 icmp, 3 other); 0 = none. */
export function protoGroup(cls: u32): u32 {
  return load<u32>(protoGroupsPtr + ((<usize>cls) << 2));
}

export function groupPtr(g: u32): usize {
  return groupsPtr + <usize>(g * GROUP_WORDS * 4);
}

export function rulePtr(r: u32): usize {
  return rulesPtr + <usize>(r * RULE_WORDS * 4);
}

function portIn(listOff: u32, count: u32, port: u32): bool {
  if (count == 0) return true;
  const l = rsPtr + <usize>listOff;
  for (let i: u32 = 0; i < count; i++) {
    const e = l + <usize>(i * 8);
    if (port >= load<u32>(e) && port <= load<u32>(e + 4)) return true;
  }
  return false;
}

/**
 * The header prefilter: protocol, ports and direction (addresses and every option are verified
 * by the worker). `stream` excludes tcp-pkt rules, a packet buffer excludes tcp-stream rules.
 */
export function headerOk(r: u32, proto: u32, sport: u32, dport: u32, stream: bool): bool {
  const rp = rulePtr(r);
  const want = load<u32>(rp);
  if (want != 0 && want != proto && !(want == 1 && proto == 58)) return false;
  const flags = load<u32>(rp + 4);
  if (stream ? (flags & RF_PKT_ONLY) != 0 : (flags & RF_STREAM_ONLY) != 0) return false;
  const so = load<u32>(rp + 8);
  const sc = load<u32>(rp + 12);
  const dO = load<u32>(rp + 16);
  const dc = load<u32>(rp + 20);
  if (portIn(so, sc, sport) && portIn(dO, dc, dport)) return true;
  if ((flags & RF_BIDIR) != 0) return portIn(so, sc, dport) && portIn(dO, dc, sport);
  return false;
}
