/**
 * Mirror of assembly/filter/program.ts: the filter program's magic, opcodes and operand codes.
 * A program the engine rejects (loadFilter status != 0) means these two lists disagree.
 */
export const FILTER_MAGIC = 0x31465042; // "BPF1"

export const OP_TRUE = 0;
export const OP_LINKPROTO = 1;
export const OP_IPPROTO4 = 2;
export const OP_IPPROTO6 = 3;
export const OP_HOST4 = 4;
export const OP_HOST6 = 5;
export const OP_PORT4 = 6;
export const OP_PORT6 = 7;
export const OP_VLAN = 8;
export const OP_LEN_LE = 9;
export const OP_LEN_GE = 10;
export const OP_NOT = 11;
export const OP_JT = 12;
export const OP_JF = 13;

export const DIR_SRC = 0;
export const DIR_DST = 1;
export const DIR_SRC_OR_DST = 2;
export const DIR_SRC_AND_DST = 3;

export const PROTO_BIT_TCP = 1;
export const PROTO_BIT_UDP = 2;
export const PROTO_BIT_SCTP = 4;

export const HOST_KIND_IP = 0;
export const HOST_KIND_ARP = 1;
export const HOST_KIND_RARP = 2;

export const VLAN_ANY = 0xffffffff;

export const ETHERTYPE_IP = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_RARP = 0x8035;
