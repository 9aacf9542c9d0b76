// The filter program: a tcpdump/pcap-filter(7) expression compiled by src/filter/compile.ts into
// u32 words, loaded once (loadFilter) into the filter region and evaluated for every record by
// filter/eval.ts. The opcode numbers below are mirrored in src/filter/opcodes.ts.
//
// Program layout (little-endian u32 words):
//   [0] FILTER_MAGIC  [1] total words (header included)  [2..] instructions
// One boolean register (the accumulator): a test sets it; `and` / `or` compile to short-circuit
// jumps (JF / JT keep the register and jump), so a test is evaluated only where libpcap's
// generated code would evaluate it — which matters because a load beyond the captured bytes
// rejects the whole packet, as a BPF load out of bounds does.
//
// Every test carries `shift`: bytes added to the link-layer offsets by the `vlan` keywords parsed
// before it (libpcap moves the offsets of everything after a `vlan`, whatever the and/or nesting).

import { FILTER_CAPACITY } from '../abi/layout';
import { filterPtr } from '../mem/regions';

export { filterPtr };

export const FILTER_MAGIC: u32 = 0x31465042; // "BPF1"

// opcode · operands (words)
export const OP_TRUE: u32 = 0; // —
export const OP_LINKPROTO: u32 = 1; // shift, ethertype           (ip, ip6, arp, rarp)
export const OP_IPPROTO4: u32 = 2; // shift, proto                (ip proto N, icmp, tcp over IPv4)
export const OP_IPPROTO6: u32 = 3; // shift, proto                (ip6 proto N: also behind one fragment header)
export const OP_HOST4: u32 = 4; // shift, kind, dir, addr, mask   (kind 0 ip, 1 arp, 2 rarp)
export const OP_HOST6: u32 = 5; // shift, dir, addr×4, mask×4
export const OP_PORT4: u32 = 6; // shift, protos, dir, lo, hi     (first fragment only, ports after IHL)
export const OP_PORT6: u32 = 7; // shift, protos, dir, lo, hi     (next header of the fixed header only)
export const OP_VLAN: u32 = 8; // shift, id (VLAN_ANY = any)
export const OP_LEN_LE: u32 = 9; // n                             (less: wire length <= n)
export const OP_LEN_GE: u32 = 10; // n                            (greater: wire length >= n)
export const OP_NOT: u32 = 11; // —
export const OP_JT: u32 = 12; // target word index: jump when the register is true
export const OP_JF: u32 = 13; // target word index: jump when the register is false
export const OP_COUNT: u32 = 14;

export const DIR_SRC: u32 = 0;
export const DIR_DST: u32 = 1;
export const DIR_SRC_OR_DST: u32 = 2;
export const DIR_SRC_AND_DST: u32 = 3;

export const PROTO_BIT_TCP: u32 = 1;
export const PROTO_BIT_UDP: u32 = 2;
export const PROTO_BIT_SCTP: u32 = 4;

export const HOST_KIND_IP: u32 = 0;
export const HOST_KIND_ARP: u32 = 1;
export const HOST_KIND_RARP: u32 = 2;

export const VLAN_ANY: u32 = 0xffffffff;

export const FILTER_OK: u32 = 0;
export const FILTER_BAD_MAGIC: u32 = 1;
export const FILTER_BAD_LENGTH: u32 = 2;
export const FILTER_BAD_OPCODE: u32 = 3;
export const FILTER_BAD_JUMP: u32 = 4;

/** Instruction words (header excluded); 0 when no filter is loaded (every packet passes). */
export let filterWords: u32 = 0;

/** Operand words of each opcode. */
export function operandWords(op: u32): u32 {
  switch (op) {
    case OP_TRUE:
    case OP_NOT:
      return 0;
    case OP_LEN_LE:
    case OP_LEN_GE:
    case OP_JT:
    case OP_JF:
      return 1;
    case OP_LINKPROTO:
    case OP_IPPROTO4:
    case OP_IPPROTO6:
    case OP_VLAN:
      return 2;
    case OP_HOST4:
    case OP_PORT4:
    case OP_PORT6:
      return 5;
    case OP_HOST6:
      return 10;
    default:
      return 0xffffffff;
  }
}

/**
 * Validate and load the program of `len` bytes at filterPtr (len 0 clears the filter). Checks the
 * magic, the length, every opcode and that every jump lands on an instruction boundary ahead of
 * it (so evaluation always ends). Returns FILTER_OK or a FILTER_BAD_* code (nothing loaded).
 */
export function loadFilterProgram(len: u32): u32 {
  filterWords = 0;
  if (len == 0) return FILTER_OK;
  if (len < 8 || (len & 3) != 0 || len > FILTER_CAPACITY) return FILTER_BAD_LENGTH;
  if (load<u32>(filterPtr) != FILTER_MAGIC) return FILTER_BAD_MAGIC;
  const total = load<u32>(filterPtr + 4);
  if (total * 4 != len) return FILTER_BAD_LENGTH;
  const words = total - 2;
  const code = filterPtr + 8;
  // pass 1: instruction boundaries fit; pass 2: jumps go forward to a boundary (or the end)
  let pc: u32 = 0;
  while (pc < words) {
    const n = operandWords(load<u32>(code + ((<usize>pc) << 2)));
    if (n == 0xffffffff) return FILTER_BAD_OPCODE;
    if (pc + 1 + n > words) return FILTER_BAD_LENGTH;
    pc += 1 + n;
  }
  pc = 0;
  while (pc < words) {
    const op = load<u32>(code + ((<usize>pc) << 2));
    const next = pc + 1 + operandWords(op);
    if (op == OP_JT || op == OP_JF) {
      const target = load<u32>(code + ((<usize>(pc + 1)) << 2));
      if (target < next || target > words || !isBoundary(code, words, target)) return FILTER_BAD_JUMP;
    }
    pc = next;
  }
  filterWords = words;
  return FILTER_OK;
}

function isBoundary(code: usize, words: u32, target: u32): bool {
  if (target == words) return true;
  let pc: u32 = 0;
  while (pc < target) pc += 1 + operandWords(load<u32>(code + ((<usize>pc) << 2)));
  return pc == target;
}
