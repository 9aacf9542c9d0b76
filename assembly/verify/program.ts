// The verify program interpreter: each candidate the matcher is about to emit is checked here
// against its rule's program (src/rules/compile/program.ts encodes it; opcodes.ts lists the
// instructions), so most candidates never reach JavaScript. The semantics are those of
// src/alerts/verify.ts, which stays the oracle (test/unit/verify/differential.test.ts): packet
// conditions and flow in any order, then the payload keywords in rule order from cursor 0; a
// content that a later relative keyword cannot follow is retried at its next occurrence
// (Suricata's detect-engine-content-inspection.c), every keyword visit costs one step, and a run
// stops failing after MAX_STEPS. The recursion depth is bounded by the program's length.
//
// Verdicts: VERDICT_REJECT (the rule cannot match: no candidate), CAND_F_VERIFIED (the program was
// the rule's whole verification and it matched: the worker only applies flowbits, thresholds and
// outputs), 0 (the evaluable part matched, or there is no program: the worker verifies in full).

import { CAND_F_VERIFIED } from '../emit/alerts';
import { AF_DST_V6, AF_SRC_V6, rsPtr, rulePtr } from '../match/ruleset';
import { evalBsize } from './bsize';
import { BYTE_EXTRACT_WORDS, evalByteExtract } from './byte_extract';
import { BYTE_JUMP_WORDS, evalByteJump } from './byte_jump';
import { BYTE_TEST_WORDS, evalByteTest } from './byte_test';
import {
  contentPat,
  contentPatLen,
  contentWindow,
  contentWords,
  findFrom,
  windowHi,
  windowLo,
} from './content';
import { ipVersion } from '../decode/packet';
import { bufLen, setVerifyBuffer } from './context';
import { dsizeValue } from './dsize';
import { evalFlags } from './flags';
import { evalFlow } from './flow';
import { icmpIdValue } from './icmp_id';
import { icmpSeqValue } from './icmp_seq';
import { icodeValue } from './icode';
import { idValue } from './id';
import { ipProtoValue } from './ip_proto';
import { evalIsdataat } from './isdataat';
import { itypeValue } from './itype';
import * as O from './opcodes';
import { rangeOk } from './range';
import { evalSameip } from './sameip';
import { seqValue } from './seq';
import { ackValue } from './ack';
import { tosValue } from './tos';
import { streamSizeValue } from './stream_size';
import { ttlValue } from './ttl';
import { windowValue } from './window';

/** Bound on keyword visits per candidate (src/alerts/verify.ts MAX_STEPS). */
export const MAX_STEPS: i32 = 4096;
export const VERDICT_REJECT: u32 = 0xffffffff;
/** Rule word 17 bit: the program is the whole verification (src/rules/compile/ruleset.ts PROG_FULL). */
export const PROG_FULL: u32 = 1;
export const RULE_PROG_OFF: u32 = 64;
export const RULE_PROG_FLAGS_OFF: u32 = 68;

let steps: i32 = 0;
/** Candidates rejected by their program since load (diagnostics: they never reach JS). */
export let verifyRejected: u64 = 0;
/** Candidates whose program was their whole verification and matched. */
export let verifyFull: u64 = 0;

export function resetVerifyStats(): void {
  verifyRejected = 0;
  verifyFull = 0;
}

/** Value of a numeric header keyword (NaN: the packet has no such header). */
function headerValue(op: u32): f64 {
  switch (op) {
    case O.OP_DSIZE:
      return dsizeValue();
    case O.OP_TTL:
      return ttlValue();
    case O.OP_TOS:
      return tosValue();
    case O.OP_ID:
      return idValue();
    case O.OP_IP_PROTO:
      return ipProtoValue();
    case O.OP_ITYPE:
      return itypeValue();
    case O.OP_ICODE:
      return icodeValue();
    case O.OP_ICMP_ID:
      return icmpIdValue();
    case O.OP_ICMP_SEQ:
      return icmpSeqValue();
    case O.OP_SEQ:
      return seqValue();
    case O.OP_ACK:
      return ackValue();
    case O.OP_WINDOW:
      return windowValue();
    case O.OP_STREAM_SIZE_SERVER:
      return streamSizeValue(false);
    case O.OP_STREAM_SIZE_CLIENT:
      return streamSizeValue(true);
  }
  return NaN;
}

/** The content instruction at `pc` from cursor `cur`, then the rest of the program. */
function runContent(pc: usize, flags: u32, cur: i32): bool {
  const p = pc + 4;
  const next = p + ((<usize>contentWords(p)) << 2);
  contentWindow(flags, p, cur);
  const lo = windowLo;
  const hi = windowHi;
  const pat = contentPat(p);
  const n = contentPatLen(p);
  const nocase = (flags & O.PF_NOCASE) != 0;
  const endswith = (flags & O.PF_ENDSWITH) != 0;
  if ((flags & O.PF_NEGATED) != 0) {
    for (let q = findFrom(pat, n, nocase, lo, hi); q >= 0; q = findFrom(pat, n, nocase, <f64>(q + 1), hi)) {
      if (!endswith || q + n == bufLen) return false;
    }
    return run(next, cur);
  }
  const retry = (flags & O.PF_RETRY) != 0;
  for (let q = findFrom(pat, n, nocase, lo, hi); q >= 0; q = findFrom(pat, n, nocase, <f64>(q + 1), hi)) {
    if (endswith && q + n != bufLen) continue;
    if (run(next, q + n)) return true;
    if (!retry || steps > MAX_STEPS) return false;
  }
  return false;
}

/** Run the program from `pc` with the payload cursor at `cur`. */
function run(pc: usize, cur: i32): bool {
  for (;;) {
    const w = load<u32>(pc);
    const op = w & 0xff;
    const flags = w >> 8;
    const p = pc + 4;
    if (op == O.OP_END || op == O.OP_STOP) return true;
    if (op == O.OP_STREAM_SIZE_EITHER) {
      // stream_size:either: one of the two streams is in range
      const s = streamSizeValue(false);
      const c = streamSizeValue(true);
      if (isNaN(s) || !(rangeOk(p, s) || rangeOk(p, c))) return false;
      pc = p + ((<usize>O.RANGE_WORDS) << 2);
      continue;
    }
    if (op >= O.OP_DSIZE) {
      // packet conditions: no cursor, no step (the verifier checks them before the payload)
      const x = headerValue(op);
      if (isNaN(x) || !rangeOk(p, x)) return false;
      pc = p + ((<usize>O.RANGE_WORDS) << 2);
      continue;
    }
    if (op == O.OP_FLOW) {
      if (!evalFlow(flags)) return false;
      pc = p;
      continue;
    }
    if (op == O.OP_FLAGS) {
      if (!evalFlags(p)) return false;
      pc = p + 12;
      continue;
    }
    if (op == O.OP_SAMEIP) {
      if (!evalSameip()) return false;
      pc = p;
      continue;
    }
    // payload keywords
    if (++steps > MAX_STEPS) return false;
    switch (op) {
      case O.OP_CONTENT:
        return runContent(pc, flags, cur);
      case O.OP_ISDATAAT:
        if (!evalIsdataat(flags, p, cur)) return false;
        pc = p + ((<usize>O.VALUE_WORDS) << 2);
        continue;
      case O.OP_BSIZE:
        if (!evalBsize(p)) return false;
        pc = p + ((<usize>O.RANGE_WORDS) << 2);
        continue;
      case O.OP_BYTE_TEST:
        if (!evalByteTest(flags, p, cur)) return false;
        pc = p + ((<usize>BYTE_TEST_WORDS) << 2);
        continue;
      case O.OP_BYTE_JUMP:
      case O.OP_BYTE_EXTRACT: {
        // both move the cursor (or fail: -1)
        const jump = op == O.OP_BYTE_JUMP;
        const c = jump ? evalByteJump(flags, p, cur) : evalByteExtract(flags, p, cur);
        if (c < 0) return false;
        cur = c;
        pc = p + ((<usize>(jump ? BYTE_JUMP_WORDS : BYTE_EXTRACT_WORDS)) << 2);
        continue;
      }
    }
    abort('verify: unknown opcode');
    return false;
  }
}

/**
 * Check rule `r` for a candidate over `len` bytes at `buf` with CAND_F_* `flags`, from the packet at
 * `pkt` (decode/packet.ts describes it). Returns VERDICT_REJECT, CAND_F_VERIFIED or 0 (see the file comment).
 */
export function verifyCandidate(r: u32, buf: usize, len: u32, flags: u32, payloadLen: u32, pkt: usize): u32 {
  const rp = rulePtr(r);
  const prog = load<u32>(rp + RULE_PROG_OFF);
  if (prog == 0) return 0;
  setVerifyBuffer(buf, len, flags, payloadLen, pkt);
  steps = 0;
  if (!run(rsPtr + <usize>prog, 0)) {
    verifyRejected++;
    return VERDICT_REJECT;
  }
  if ((load<u32>(rp + RULE_PROG_FLAGS_OFF) & PROG_FULL) == 0) return 0;
  // an IPv6 packet against IPv6 address lists: only the TypeScript header check decides those
  if (ipVersion != 4 && (load<u32>(rp + 40) & (AF_SRC_V6 | AF_DST_V6)) != 0) return 0;
  verifyFull++;
  return CAND_F_VERIFIED;
}
