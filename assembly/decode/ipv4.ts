// IPv4 (RFC 791), with options (RFC 791 §3.1) and fragments.
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |Version|  IHL  |Type of Service|          Total Length         |
//   |         Identification        |Flags|      Fragment Offset    |
//   |  Time to Live |    Protocol   |         Header Checksum       |
//   |                       Source Address                          |
//   |                    Destination Address                        |
//   |                    Options                    |    Padding    |
//
// Validated: version, IHL >= 5, header within the captured bytes, total length >= header
// length (0 is taken as a TSO capture: the captured bytes, counted as ipv4.bad_total_len),
// checksum (counted, not fatal), option lengths (counted, not fatal). A non-first fragment
// carries no transport header: its payload is `data` until defragmentation reassembles it.
// The payload ends at the total length, so Ethernet padding is never read as payload.
// A header cut short is kept as a truncated layer (its captured fields stay readable); an IHL
// below 5 is a malformed layer: named, as tshark names it, with no field shown.

import {
  ANOM_IPV4_BAD_CHECKSUM,
  ANOM_IPV4_BAD_HLEN,
  ANOM_IPV4_BAD_OPTION,
  ANOM_IPV4_BAD_TOTAL_LEN,
  ANOM_IPV4_BAD_VERSION,
  ANOM_IPV4_FRAG_TRUNC,
  ANOM_IPV4_TRUNC_HDR,
} from '../abi/anomalies';
import { PROTO_IPV4 } from '../abi/protocols';
import { raiseAnomaly } from '../stats/counters';
import { be16, u8at } from '../util/bytes';
import { ipProtoKey, KEY_DATA, KEY_STOP } from './keys';
import {
  dstAddrPtr,
  inQuote,
  pushLayer,
  setFragment,
  setIpSummary,
  setL4DeclLen,
  setNext,
  srcAddrPtr,
  stop,
  stopMalformed,
  stopTruncated,
} from './packet';

export const IPV4_MIN_HDR_LEN: u32 = 20;
export const IPV4_TOTAL_LEN_OFF: u32 = 2;
export const IPV4_FLAGS_FRAG_OFF: u32 = 6;
export const IPV4_TTL_OFF: u32 = 8;
export const IPV4_PROTO_OFF: u32 = 9;
export const IPV4_SRC_OFF: u32 = 12;
export const IPV4_DST_OFF: u32 = 16;
const IPV4_MF: u32 = 0x2000;
const IPV4_OFFSET_MASK: u32 = 0x1fff;

/** Store an IPv4 address as IPv4-mapped IPv6 (::ffff:a.b.c.d) so flow keys have one width. */
export function storeMappedV4(dst: usize, src: usize): void {
  store<u64>(dst, 0);
  store<u32>(dst + 8, 0xffff0000);
  store<u32>(dst + 12, load<u32>(src));
}

/** One's-complement sum over `len` bytes (RFC 1071); `len` is even for IP headers. */
export function onesComplementSum(ptr: usize, len: u32, initial: u32): u32 {
  let sum = initial;
  let i: u32 = 0;
  for (; i + 1 < len; i += 2) sum += be16(ptr + i);
  if (i < len) sum += u8at(ptr + i) << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return sum;
}

function checkOptions(p: usize, len: u32): bool {
  let i: u32 = 0;
  while (i < len) {
    const kind = u8at(p + i);
    if (kind == 0) return true; // end of option list
    if (kind == 1) {
      i++; // no-operation
      continue;
    }
    if (i + 1 >= len) return false;
    const olen = u8at(p + i + 1);
    if (olen < 2 || i + olen > len) return false;
    i += olen;
  }
  return true;
}

export function decodeIpv4(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < IPV4_MIN_HDR_LEN) {
    if (inQuote()) {
      if (avail > 0) pushLayer(PROTO_IPV4, off, avail, avail);
      return KEY_STOP;
    }
    return stopTruncated(PROTO_IPV4, off, avail, ANOM_IPV4_TRUNC_HDR);
  }
  const p = pkt + off;
  const vihl = u8at(p);
  if (vihl >> 4 != 4) return stop(ANOM_IPV4_BAD_VERSION);
  const hlen = (vihl & 0x0f) << 2;
  if (hlen < IPV4_MIN_HDR_LEN) return stopMalformed(PROTO_IPV4, off, avail, ANOM_IPV4_BAD_HLEN);
  if (hlen > avail) return stopTruncated(PROTO_IPV4, off, avail, ANOM_IPV4_TRUNC_HDR);
  let totalLen = be16(p + IPV4_TOTAL_LEN_OFF);
  if (totalLen == 0) {
    // TCP segmentation offload: the NIC fills the length in later; the captured bytes are the
    // packet (tshark presumes the same and shows the captured length as ip.len). Counted.
    raiseAnomaly(ANOM_IPV4_BAD_TOTAL_LEN);
    totalLen = min(avail, 0xffff);
  }
  if (totalLen < hlen) return stop(ANOM_IPV4_BAD_TOTAL_LEN);
  if (!pushLayer(PROTO_IPV4, off, hlen, totalLen)) return KEY_STOP;

  if (!inQuote()) {
    // the quoted header of an ICMP error often has a recomputed or partial checksum: skip it
    if (onesComplementSum(p, hlen, 0) != 0xffff) raiseAnomaly(ANOM_IPV4_BAD_CHECKSUM);
  }
  if (hlen > IPV4_MIN_HDR_LEN && !checkOptions(p + IPV4_MIN_HDR_LEN, hlen - IPV4_MIN_HDR_LEN)) {
    raiseAnomaly(ANOM_IPV4_BAD_OPTION);
  }

  const proto = u8at(p + IPV4_PROTO_OFF);
  setIpSummary(4, off, proto, u8at(p + IPV4_TTL_OFF));
  if (!inQuote()) {
    storeMappedV4(srcAddrPtr, p + IPV4_SRC_OFF);
    storeMappedV4(dstAddrPtr, p + IPV4_DST_OFF);
  }

  const ipEnd = min(end, off + totalLen);
  setNext(off + hlen, ipEnd);
  setL4DeclLen(totalLen - hlen);

  const fragField = be16(p + IPV4_FLAGS_FRAG_OFF);
  const fragOffset = (fragField & IPV4_OFFSET_MASK) << 3;
  if ((fragField & IPV4_MF) != 0 || fragOffset != 0) {
    setFragment();
    if (fragOffset + (totalLen - hlen) > 65535) raiseAnomaly(ANOM_IPV4_FRAG_TRUNC);
    if (fragOffset != 0) return KEY_DATA; // no transport header in a non-first fragment
  }
  return ipProtoKey(proto);
}
