// The matcher's part of the exported ABI (re-exported by index.ts): numbers only.
//   rulesetBuffer(len) → ptr: JS writes the ruleset blob there, then loadRuleset(len) → RS_* status
//   candidateRegion() / candidateCount(): alert candidates of the last processChunk / flushFlows
//   clearCandidates(): before flushFlows; matchDropped(): candidates and queued matches dropped.
//   matchVerifyRejected() / matchVerifyFull(): verdicts of the WASM verify programs since load;
//   matchQueued() / matchHeaderChecks(): automaton matches and header checks since load.

import {
  CAND_RECORD_SIZE as CAND_RECORD_SIZE_VALUE,
  candCount,
  candDropped,
  candRecordsPtr,
  candRoomOk,
  clearCandidates as clearCands,
} from '../emit/alerts';
import {
  clearQueue,
  queuedTotal,
  queueEnd,
  queueId,
  queueLen,
  queueOverflow,
  resetQueueStats,
} from './queue';
import { acScan, acStart } from './ac';
import { headerChecks, loadRulesetBlob, rulesetBuffer as rsBuffer } from './ruleset';
import { resetVerifyStats, verifyCandidate, verifyFull, verifyRejected } from '../verify/program';
import { dstAddrPtr, resetPacket, setIpSummary, setTransportSummary, srcAddrPtr } from '../decode/packet';

export const CAND_RECORD_SIZE: u32 = CAND_RECORD_SIZE_VALUE;

export function rulesetBuffer(len: u32): usize {
  return rsBuffer(len);
}

export function loadRuleset(len: u32): u32 {
  resetVerifyStats();
  resetQueueStats();
  return loadRulesetBlob(len);
}

/** Candidates their rule's WASM verify program rejected (they never reached JS), since load. */
export function matchVerifyRejected(): u64 {
  return verifyRejected;
}

/** Automaton matches queued and rules header-checked, since load (what the rule groups cost). */
export function matchQueued(): u64 {
  return queuedTotal;
}

export function matchHeaderChecks(): u64 {
  return headerChecks;
}

/** Candidates their rule's WASM verify program verified in full, since load. */
export function matchVerifyFull(): u64 {
  return verifyFull;
}

export function candidateRegion(): usize {
  return candRecordsPtr();
}

export function candidateCount(): u32 {
  return candCount;
}

export function clearCandidates(): void {
  clearCands();
  candRoomOk();
}

export function matchDropped(): u64 {
  return candDropped + queueOverflow;
}

// ---- test-only: the automaton scan alone (test/unit/match/ac.test.ts compares it to ac-scan.ts) ----

/** Scan `len` bytes at `dataPtr` with the automaton at `acPtr` from `state`; matches stay queued. */
export function testAcScan(acPtr: usize, state: u32, dataPtr: usize, len: u32, base: u32): u32 {
  clearQueue();
  return acScan(acPtr, state, dataPtr, len, base);
}

export function testQueueLen(): u32 {
  return queueLen;
}

export function testQueueId(i: u32): u32 {
  return queueId(i);
}

export function testQueueEnd(i: u32): u32 {
  return queueEnd(i);
}

export function testAcStart(acPtr: usize): u32 {
  return acStart(acPtr);
}

// ---- test-only: one verify program run (test/unit/verify/differential.test.ts) ----

/** The decoded packet a following testVerify reads (addresses: 16 bytes each at src / dst). */
export function testVerifyPacket(
  ipOff: u32,
  l4Off: u32,
  ipVersion: u32,
  ipProto: u32,
  tcpFlags: u32,
  src: usize,
  dst: usize,
): void {
  resetPacket();
  setIpSummary(ipVersion, ipOff, ipProto, 0);
  setTransportSummary(0, 0, tcpFlags, l4Off, 0, 0);
  memory.copy(srcAddrPtr, src, 16);
  memory.copy(dstAddrPtr, dst, 16);
}

/** The header prefilter (ruleset.ts headerOk), for tests that pair it with testVerify. */
export { headerOk as testHeaderOk } from './ruleset';

/** verifyCandidate for rule `r` of the loaded ruleset: 0xffffffff reject, CAND_F_VERIFIED, or 0. */
export function testVerify(r: u32, pkt: usize, buf: usize, len: u32, flags: u32, payloadLen: u32): u32 {
  return verifyCandidate(r, buf, len, flags, payloadLen, pkt);
}
