/**
 * The packet-header sticky buffers (Suricata's ipv4.hdr, ipv6.hdr, tcp.hdr, udp.hdr, icmpv4.hdr,
 * icmpv6.hdr): the raw bytes of one header of the packet, options included, as a content buffer.
 * They exist only for a packet that has that header, in full, and only for packet matches (Suricata
 * registers them SIG_FLAG_REQUIRE_PACKET). Lengths as Suricata's GetData functions take them:
 * IPv4 IHL × 4, IPv6 the 40-byte fixed header, TCP data offset × 4, UDP 8, ICMPv6 8, ICMPv4 8 plus
 * the timestamps of a timestamp request or reply and the addresses of a router advertisement
 * (decode-icmpv4.c icmpv4vars.hlen).
 */
import type { Candidate } from './verify.js';

const ICMP_TIMESTAMP = 13;
const ICMP_TIMESTAMP_REPLY = 14;
const ICMP_ROUTER_ADVERT = 9;

/** The ICMPv4 header length Suricata gives `icmpv4.hdr` (at least 8), from the message at `at`. */
function icmpv4HeaderLength(pkt: Uint8Array, at: number, end: number): number {
  const type = pkt[at] ?? 0;
  if (type === ICMP_TIMESTAMP || type === ICMP_TIMESTAMP_REPLY) return end - at >= 20 ? 20 : 8;
  if (type === ICMP_ROUTER_ADVERT && at + 6 <= end) {
    const adverts = (pkt[at + 4] ?? 0) * (pkt[at + 5] ?? 0) * 4;
    return end - at >= 8 + adverts ? 8 + adverts : 8;
  }
  return 8;
}

/**
 * The header bytes `name` names, as a one-value list (verify.ts matches any value), or none: a
 * stream or app-layer candidate, or a packet without that header.
 */
export function packetHeaderBuffer(c: Candidate, name: string): Uint8Array[] {
  if (c.stream || c.appBuffer) return [];
  // the payload is the last part of the packet the decoder kept: its end bounds every header
  const end = c.buf.byteOffset - c.pkt.byteOffset + c.buf.length;
  let at: number;
  let len: number;
  switch (name) {
    case 'ipv4.hdr':
      if (c.ipVersion !== 4) return [];
      at = c.ipOff;
      len = ((c.pkt[at] ?? 0) & 0x0f) * 4;
      break;
    case 'ipv6.hdr':
      if (c.ipVersion !== 6) return [];
      at = c.ipOff;
      len = 40;
      break;
    case 'tcp.hdr':
      if (c.ipProto !== 6) return [];
      at = c.l4Off;
      len = ((c.pkt[at + 12] ?? 0) >> 4) * 4;
      break;
    case 'udp.hdr':
      if (c.ipProto !== 17) return [];
      at = c.l4Off;
      len = 8;
      break;
    case 'icmpv4.hdr':
      if (c.ipProto !== 1 || c.ipVersion !== 4) return [];
      at = c.l4Off;
      len = icmpv4HeaderLength(c.pkt, at, end);
      break;
    case 'icmpv6.hdr':
      if (c.ipProto !== 58 || c.ipVersion !== 6) return [];
      at = c.l4Off;
      len = 8;
      break;
    default:
      return [];
  }
  if (len === 0 || at + len > end) return [];
  return [c.pkt.subarray(at, at + len)];
}
