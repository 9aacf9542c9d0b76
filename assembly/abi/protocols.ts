// Layer protocol ids: what a decoded layer is. One id per decoder output (and per tshark layer
// name it maps to). The names live in src/wasm/protocols.ts in the same order (checked by test).
// Ids are never reused or renumbered: they appear in packed packet records.

export const PROTO_NONE: u8 = 0;
export const PROTO_ETHERNET: u8 = 1;
export const PROTO_VLAN: u8 = 2; // 802.1Q tag (0x8100; also legacy QinQ 0x9100)
export const PROTO_QINQ: u8 = 3; // 802.1ad S-tag (0x88a8)
export const PROTO_MPLS: u8 = 4;
export const PROTO_PPPOE_SESSION: u8 = 5;
export const PROTO_PPP: u8 = 6;
export const PROTO_ARP: u8 = 7;
export const PROTO_IPV4: u8 = 8;
export const PROTO_IPV6: u8 = 9;
export const PROTO_TCP: u8 = 10;
export const PROTO_UDP: u8 = 11;
export const PROTO_ICMP: u8 = 12;
export const PROTO_ICMPV6: u8 = 13;
export const PROTO_SCTP: u8 = 14;
export const PROTO_GRE: u8 = 15;
export const PROTO_VXLAN: u8 = 16;
export const PROTO_GENEVE: u8 = 17;
export const PROTO_SLL: u8 = 18;
export const PROTO_SLL2: u8 = 19;
export const PROTO_NULL: u8 = 20; // BSD loopback (DLT_NULL / DLT_LOOP)
export const PROTO_IPV6_HOPOPTS: u8 = 21;
export const PROTO_IPV6_ROUTING: u8 = 22;
export const PROTO_IPV6_FRAGMENT: u8 = 23;
export const PROTO_IPV6_DSTOPTS: u8 = 24;
export const PROTO_AH: u8 = 25;
export const PROTO_ESP: u8 = 26;
export const PROTO_IGMP: u8 = 27;
export const PROTO_PPPOE_DISCOVERY: u8 = 28;
export const PROTO_ERSPAN: u8 = 29;
export const PROTO_LLC: u8 = 30;
export const PROTO_DATA: u8 = 31; // undecoded payload
export const PROTO_AVSP: u8 = 32; // Arista vendor-specific (timestamp) header, ethertype 0xd28b
export const PROTO_CMD: u8 = 33; // Cisco MetaData (SGT), ethertype 0x8909
export const PROTO_L2TP: u8 = 34; // L2TPv2 over UDP 1701
export const PROTO_NSH: u8 = 35; // Network Service Header (RFC 8300), ethertype 0x894f
export const PROTO_COUNT: u8 = 36;

/** Layer flag: this layer lies inside an ICMP error's quoted datagram (not the packet's own). */
export const LAYER_QUOTED: u8 = 1;
/** Layer flag: this layer's header was cut short by the capture (snaplen). */
export const LAYER_TRUNCATED: u8 = 2;
/** Layer flag: this layer is inside a tunnel (after GRE/VXLAN/Geneve/IP-in-IP/...). */
export const LAYER_TUNNELED: u8 = 4;
/**
 * Layer flag: the header is present but was rejected (e.g. an IPv4 IHL below 5). The layer is
 * named in protocol chains, as tshark names it, but none of its fields is trusted or shown.
 */
export const LAYER_MALFORMED: u8 = 8;
