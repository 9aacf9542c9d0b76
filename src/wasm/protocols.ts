/**
 * Layer protocol names, indexed by the ids of assembly/abi/protocols.ts (checked by
 * test/unit/wasm/registries.test.ts). `tshark` is the layer's name in tshark's
 * frame.protocols; `scapy` its name in a Scapy-style summary.
 */
export interface ProtocolInfo {
  readonly id: number;
  readonly name: string;
  readonly tshark: string;
  readonly scapy: string;
}

const LIST = [
  ['none', '', ''],
  ['ethernet', 'eth', 'Ether'],
  ['vlan', 'vlan', 'Dot1Q'],
  ['qinq', 'ieee8021ad', 'Dot1AD'],
  ['mpls', 'mpls', 'MPLS'],
  ['pppoe_session', 'pppoes', 'PPPoE'],
  ['ppp', 'ppp', 'PPP'],
  ['arp', 'arp', 'ARP'],
  ['ipv4', 'ip', 'IP'],
  ['ipv6', 'ipv6', 'IPv6'],
  ['tcp', 'tcp', 'TCP'],
  ['udp', 'udp', 'UDP'],
  ['icmp', 'icmp', 'ICMP'],
  ['icmpv6', 'icmpv6', 'ICMPv6'],
  ['sctp', 'sctp', 'SCTP'],
  ['gre', 'gre', 'GRE'],
  ['vxlan', 'vxlan', 'VXLAN'],
  ['geneve', 'geneve', 'GENEVE'],
  ['sll', 'sll', 'CookedLinux'],
  ['sll2', 'sll', 'CookedLinuxV2'],
  ['null', 'null', 'Loopback'],
  ['ipv6_hopopts', 'ipv6.hopopts', 'IPv6ExtHdrHopByHop'],
  ['ipv6_routing', 'ipv6.routing', 'IPv6ExtHdrRouting'],
  ['ipv6_fragment', 'ipv6.fraghdr', 'IPv6ExtHdrFragment'],
  ['ipv6_dstopts', 'ipv6.dstopts', 'IPv6ExtHdrDestOpt'],
  ['ah', 'ah', 'AH'],
  ['esp', 'esp', 'ESP'],
  ['igmp', 'igmp', 'IGMP'],
  ['pppoe_discovery', 'pppoed', 'PPPoED'],
  ['erspan', 'erspan', 'ERSPAN'],
  ['llc', 'llc', 'LLC'],
  ['data', 'data', 'Raw'],
  ['avsp', 'avsp', 'AristaAVSP'],
  ['cmd', 'cmd', 'CiscoMetaData'],
  ['l2tp', 'l2tp', 'L2TP'],
  ['nsh', 'nsh', 'NSH'],
] as const;

/** Layer flag bits (assembly/abi/protocols.ts LAYER_*). */
export const LAYER_QUOTED = 1;
export const LAYER_TRUNCATED = 2;
export const LAYER_TUNNELED = 4;
/** The header is present but rejected: named in protocol chains, no field shown. */
export const LAYER_MALFORMED = 8;

export const PROTOCOLS: readonly ProtocolInfo[] = LIST.map(([name, tshark, scapy], id) => ({
  id,
  name,
  tshark,
  scapy,
}));

/** Ids by name, for code that looks for a layer (`PROTO.ipv4`). */
export const PROTO = Object.fromEntries(PROTOCOLS.map((p) => [p.name, p.id])) as {
  readonly [K in (typeof LIST)[number][0]]: number;
};

export function protocolName(id: number): string {
  return PROTOCOLS[id]?.name ?? `proto_${id}`;
}
