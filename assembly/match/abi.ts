// The matcher's part of the exported ABI (re-exported by index.ts): numbers only.
//   rulesetBuffer(len) → ptr: JS writes the ruleset blob there, then loadRuleset(len) → RS_* status
//   candidateRegion() / candidateCount(): alert candidates of the last processChunk / flushFlows
//   clearCandidates(): before flushFlows; matchDropped(): candidates and queued matches dropped.

import {
  CAND_RECORD_SIZE as CAND_RECORD_SIZE_VALUE,
  candCount,
  candDropped,
  candRecordsPtr,
  candRoomOk,
  clearCandidates as clearCands,
} from '../emit/alerts';
import { clearQueue, queueEnd, queueId, queueLen, queueOverflow } from './queue';
import { acScan, acStart } from './ac';
import { loadRulesetBlob, rulesetBuffer as rsBuffer } from './ruleset';

export const CAND_RECORD_SIZE: u32 = CAND_RECORD_SIZE_VALUE;

export function rulesetBuffer(len: u32): usize {
  return rsBuffer(len);
}

export function loadRuleset(len: u32): u32 {
  return loadRulesetBlob(len);
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
