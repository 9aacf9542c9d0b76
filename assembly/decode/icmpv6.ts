// ICMPv6 (RFC 4443); neighbour discovery (RFC 4861) types are recorded, not parsed further.
//
//   | type | code | checksum | message body |
//
// Errors (1 destination unreachable, 2 packet too big, 3 time exceeded, 4 parameter problem)
// quote as much of the offending IPv6 packet as fits; it is decoded as LAYER_QUOTED layers.
// Echo request/reply bodies are recorded as data; other informational messages end decoding.

import { ANOM_ICMPV6_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_ICMPV6 } from '../abi/protocols';
import { be16, u8at } from '../util/bytes';
import { KEY_DATA, KEY_ICMP_QUOTE, KEY_STOP } from './keys';
import { inQuote, pushLayer, setNext, setTransportSummary, stop } from './packet';

export const ICMPV6_HDR_LEN: u32 = 8;

export let icmpv6Type: u32 = 0;
export let icmpv6Code: u32 = 0;
export let icmpv6Id: u32 = 0;

export function decodeIcmpv6(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < 4) return inQuote() ? KEY_STOP : stop(ANOM_ICMPV6_TRUNC_HDR);
  const p = pkt + off;
  const hdr = min(avail, ICMPV6_HDR_LEN);
  if (!pushLayer(PROTO_ICMPV6, off, hdr, avail)) return KEY_STOP;
  if (inQuote()) return KEY_STOP;
  icmpv6Type = u8at(p);
  icmpv6Code = u8at(p + 1);
  const isErr = icmpv6Type < 128;
  // echo request/reply (128/129) pair by identifier
  icmpv6Id = !isErr && avail >= 8 && (icmpv6Type == 128 || icmpv6Type == 129) ? be16(p + 4) : 0;
  setTransportSummary(icmpv6Type, icmpv6Code, 0, off, off + hdr, avail - hdr);
  if (avail < ICMPV6_HDR_LEN) return isErr ? stop(ANOM_ICMPV6_TRUNC_HDR) : KEY_STOP;
  setNext(off + ICMPV6_HDR_LEN, end);
  if (isErr) return KEY_ICMP_QUOTE;
  // echo bodies are opaque data; other informational bodies (ND, MLD, RPL, ...) are ICMPv6's own
  return icmpv6Type == 128 || icmpv6Type == 129 ? KEY_DATA : KEY_STOP;
}
