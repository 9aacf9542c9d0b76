// Next-protocol keys: what a decoder returns instead of naming its successor (Zeek's analyzer
// identifiers, gopacket's NextLayerType). A key is a namespace (high 16 bits) and a value from
// that namespace's registry (ethertype, IP protocol number, PPP protocol, link type, ...).
// decode/dispatch.ts maps keys to decoders.

export const KEY_STOP: u32 = 0;

export const NS_LINKTYPE: u32 = 1 << 16; // value: pcap LINKTYPE_*
export const NS_ETHERTYPE: u32 = 2 << 16; // value: IEEE ethertype
export const NS_IPPROTO: u32 = 3 << 16; // value: IANA protocol number
export const NS_PPP: u32 = 4 << 16; // value: PPP protocol field
export const NS_INTERNAL: u32 = 5 << 16; // value: INTERNAL_* below

/** Payload that no decoder claims (tshark shows it as `data`). Decoding ends without anomaly. */
export const KEY_DATA: u32 = NS_INTERNAL | 1;
/** A UDP payload: dispatch looks at the ports (VXLAN, Geneve, MPLS-over-UDP, ...). */
export const KEY_UDP_PAYLOAD: u32 = NS_INTERNAL | 2;
/** An Ethernet frame inside a tunnel (VXLAN, Geneve with ethernet payload, GRE TEB, ERSPAN). */
export const KEY_ETHERNET: u32 = NS_INTERNAL | 3;
/** An IPv4 or IPv6 packet told apart by its version nibble (raw IP, MPLS payload). */
export const KEY_IP_BY_VERSION: u32 = NS_INTERNAL | 4;
/** The datagram quoted inside an ICMP/ICMPv6 error message. */
export const KEY_ICMP_QUOTE: u32 = NS_INTERNAL | 5;
/** A TCP payload (application layer; later stages inspect it). */
export const KEY_TCP_PAYLOAD: u32 = NS_INTERNAL | 6;
/** MPLS label stack (MPLS-over-UDP, MPLS-over-GRE share the ethertype namespace otherwise). */
export const KEY_MPLS: u32 = NS_INTERNAL | 7;
/** A PPP frame (optional 0xff 0x03, then the protocol field): PPPoE session, PPTP GRE, PPP link types. */
export const KEY_PPP: u32 = NS_INTERNAL | 8;

export function ethertypeKey(etype: u32): u32 {
  return NS_ETHERTYPE | (etype & 0xffff);
}

export function ipProtoKey(proto: u32): u32 {
  return NS_IPPROTO | (proto & 0xff);
}

export function pppKey(proto: u32): u32 {
  return NS_PPP | (proto & 0xffff);
}

export function linkTypeKey(linkType: u32): u32 {
  return NS_LINKTYPE | (linkType & 0xffff);
}
