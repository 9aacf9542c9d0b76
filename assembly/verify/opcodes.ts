// The verify program's instruction set, mirrored from src/rules/compile/opcodes.ts (which documents
// the encoding; test/unit/verify/program.test.ts keeps the numbers equal).

export const OP_END: u32 = 0;
export const OP_STOP: u32 = 1;
export const OP_CONTENT: u32 = 2;
export const OP_ISDATAAT: u32 = 3;
export const OP_BSIZE: u32 = 4;
export const OP_BYTE_TEST: u32 = 5;
export const OP_BYTE_JUMP: u32 = 6;
export const OP_BYTE_EXTRACT: u32 = 7;
export const OP_FLOW: u32 = 8;
export const OP_FLAGS: u32 = 9;
export const OP_SAMEIP: u32 = 10;
export const OP_DSIZE: u32 = 11;
export const OP_TTL: u32 = 12;
export const OP_TOS: u32 = 13;
export const OP_ID: u32 = 14;
export const OP_IP_PROTO: u32 = 15;
export const OP_ITYPE: u32 = 16;
export const OP_ICODE: u32 = 17;
export const OP_ICMP_ID: u32 = 18;
export const OP_ICMP_SEQ: u32 = 19;
export const OP_SEQ: u32 = 20;
export const OP_ACK: u32 = 21;
export const OP_WINDOW: u32 = 22;
/** stream_size on the server's / the client's stream, or on either (src/rules/compile/opcodes.ts). */
export const OP_STREAM_SIZE_SERVER: u32 = 23;
export const OP_STREAM_SIZE_CLIENT: u32 = 24;
export const OP_STREAM_SIZE_EITHER: u32 = 25;

export const PF_RELATIVE: u32 = 1;
export const PF_NEGATED: u32 = 2;
export const PF_NOCASE: u32 = 4;
export const PF_STARTSWITH: u32 = 8;
export const PF_ENDSWITH: u32 = 16;
export const PF_RETRY: u32 = 32;
export const PF_BIG: u32 = 64;
export const PF_BASE_SHIFT: u32 = 7;
export const PF_ALIGN: u32 = 512;
export const PF_FROM_BEGINNING: u32 = 1024;
export const PF_FROM_END: u32 = 2048;
export const PF_ESTABLISHED: u32 = 1;
export const PF_NOT_ESTABLISHED: u32 = 2;
export const PF_TO_SERVER: u32 = 4;
export const PF_TO_CLIENT: u32 = 8;
export const PF_ONLY_STREAM: u32 = 16;
export const PF_NO_STREAM: u32 = 32;

export const MAX_VARS: u32 = 16;
/** Words of a value operand (mode, f64) and of a range operand (code, f64 value, f64 max). */
export const VALUE_WORDS: u32 = 3;
export const RANGE_WORDS: u32 = 5;
