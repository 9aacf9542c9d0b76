/**
 * One-line packet summaries in the style of Scapy's `Packet.summary()`:
 *   Ether / IP / TCP 10.0.0.1:51234 > 10.0.0.2:http S
 *   Ether / IPv6 / UDP fd00::1:5353 > ff02::fb:mdns / Raw
 * Layer names are Scapy's; the innermost transport layer carries the addresses and ports, as
 * Scapy prints them on the last layer that knows them. A packet whose decoding stopped at an
 * anomaly ends with `!! <anomaly>`.
 */
import { PROTO, PROTOCOLS } from '../wasm/protocols.js';
import { LAYER_QUOTED } from '../wasm/layout.js';
import { formatIpv4, formatIpv6, formatMac } from './format.js';
import type { DecodedPacket, Layer } from './packet.js';

/** Well-known port names as Scapy prints them (from /etc/services). */
const PORT_NAMES: Record<number, string> = {
  20: 'ftp_data',
  21: 'ftp',
  22: 'ssh',
  23: 'telnet',
  25: 'smtp',
  53: 'domain',
  67: 'bootps',
  68: 'bootpc',
  69: 'tftp',
  80: 'http',
  110: 'pop3',
  123: 'ntp',
  137: 'netbios_ns',
  138: 'netbios_dgm',
  139: 'netbios_ssn',
  143: 'imap',
  161: 'snmp',
  179: 'bgp',
  389: 'ldap',
  443: 'https',
  445: 'microsoft_ds',
  514: 'syslog',
  993: 'imaps',
  995: 'pop3s',
  1812: 'radius',
  3306: 'mysql',
  5353: 'mdns',
  8080: 'http_alt',
};

const TCP_FLAG_LETTERS = 'FSRPAUECN';

function portName(p: number): string {
  return PORT_NAMES[p] ?? String(p);
}

export function tcpFlagString(flags: number): string {
  let s = '';
  for (let i = 0; i < TCP_FLAG_LETTERS.length; i++) if (flags & (1 << i)) s += TCP_FLAG_LETTERS[i];
  return s;
}

function addrs(p: DecodedPacket): [string, string] | undefined {
  let ip: Layer | undefined;
  for (const l of p.layers)
    if ((l.proto === PROTO.ipv4 || l.proto === PROTO.ipv6) && !(l.flags & LAYER_QUOTED)) ip = l;
  if (!ip) return undefined;
  if (ip.proto === PROTO.ipv4)
    return [formatIpv4(p.bytes, ip.offset + 12), formatIpv4(p.bytes, ip.offset + 16)];
  return [formatIpv6(p.bytes, ip.offset + 8), formatIpv6(p.bytes, ip.offset + 24)];
}

const ICMP_TYPES: Record<number, string> = {
  0: 'echo-reply',
  3: 'dest-unreach',
  4: 'source-quench',
  5: 'redirect',
  8: 'echo-request',
  11: 'time-exceeded',
  12: 'parameter-problem',
  13: 'timestamp-request',
  14: 'timestamp-reply',
};

function describe(p: DecodedPacket, l: Layer): string | undefined {
  const o = l.offset;
  const a = addrs(p);
  switch (l.proto) {
    case PROTO.tcp:
      if (!a || !p.has(o, 14)) return undefined;
      return `${a[0]}:${portName(p.u16(o))} > ${a[1]}:${portName(p.u16(o + 2))} ${tcpFlagString(p.u16(o + 12) & 0x1ff)}`;
    case PROTO.udp:
    case PROTO.sctp:
      if (!a || !p.has(o, 4)) return undefined;
      return `${a[0]}:${portName(p.u16(o))} > ${a[1]}:${portName(p.u16(o + 2))}`;
    case PROTO.icmp:
      if (!a || !p.has(o, 2)) return undefined;
      return `${a[0]} > ${a[1]} ${ICMP_TYPES[p.u8(o)] ?? p.u8(o)} ${p.u8(o + 1)}`;
    case PROTO.icmpv6:
      if (!a || !p.has(o, 2)) return undefined;
      return `${a[0]} > ${a[1]} type ${p.u8(o)} code ${p.u8(o + 1)}`;
    case PROTO.arp: {
      if (!p.has(o, 28)) return undefined;
      const op = p.u16(o + 6);
      const spa = formatIpv4(p.bytes, o + 14);
      const tpa = formatIpv4(p.bytes, o + 24);
      if (op === 1) return `who has ${tpa} says ${spa}`;
      if (op === 2) return `is at ${formatMac(p.bytes, o + 8)} says ${spa}`;
      return `op ${op} ${spa} > ${tpa}`;
    }
    default:
      return undefined;
  }
}

export function packetSummary(p: DecodedPacket): string {
  const parts: string[] = [];
  let lastTransport: Layer | undefined;
  for (const l of p.layers) {
    if (l.flags & LAYER_QUOTED) continue;
    const name = PROTOCOLS[l.proto]?.scapy;
    if (!name) continue;
    parts.push(name);
    if (
      l.proto === PROTO.tcp ||
      l.proto === PROTO.udp ||
      l.proto === PROTO.icmp ||
      l.proto === PROTO.icmpv6 ||
      l.proto === PROTO.arp ||
      l.proto === PROTO.sctp
    ) {
      lastTransport = l;
    }
  }
  if (lastTransport) {
    const idx = parts.lastIndexOf(PROTOCOLS[lastTransport.proto]!.scapy);
    const d = describe(p, lastTransport);
    if (d && idx >= 0) parts[idx] = `${parts[idx]} ${d}`;
  } else {
    const a = addrs(p);
    if (a) {
      const idx = parts.findLastIndex((x) => x === 'IP' || x === 'IPv6');
      if (idx >= 0) parts[idx] = `${parts[idx]} ${a[0]} > ${a[1]}`;
    }
  }
  let s = parts.length ? parts.join(' / ') : `<linktype ${p.linkType}>`;
  if (p.anomaly) s += ` !! ${p.anomaly}`;
  return s;
}
