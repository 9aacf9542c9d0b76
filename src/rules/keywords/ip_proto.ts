/**
 * ip_proto: the IP protocol number, or a protocol name (Suricata "IP keywords" § ip_proto);
 * names are mapped to numbers (IANA protocol numbers), `!`, `<`, `>` allowed. Value grammar:
 * values/range.ts.
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'ip_proto' } = {
  name: 'ip_proto',
  summary: 'IP protocol number or name',
  syntax: 'ip_proto:[!|<|>]<number|name>;',
  example: 'ip_proto:igmp;',
};

const NAMES: Record<string, number> = {
  ip: 0,
  hopopt: 0,
  icmp: 1,
  igmp: 2,
  ggp: 3,
  ipip: 4,
  'ip-in-ip': 4,
  tcp: 6,
  egp: 8,
  igp: 9,
  udp: 17,
  ipv6: 41,
  'ipv6-route': 43,
  'ipv6-frag': 44,
  rsvp: 46,
  gre: 47,
  esp: 50,
  ah: 51,
  'ipv6-icmp': 58,
  icmpv6: 58,
  'ipv6-nonxt': 59,
  'ipv6-opts': 60,
  eigrp: 88,
  ospf: 89,
  ospfigp: 89,
  pim: 103,
  vrrp: 112,
  l2tp: 115,
  sctp: 132,
  udplite: 136,
  mpls: 137,
};

export const keyword = rangeKeyword(meta, 255, (v) => {
  const m = /^([!<>]?)\s*([A-Za-z][A-Za-z0-9-]*)$/.exec(v);
  const n = m && m[2] !== undefined ? NAMES[m[2].toLowerCase()] : undefined;
  return m && n !== undefined ? `${m[1]}${n}` : v;
});
