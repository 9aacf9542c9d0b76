// MPLS label stack (RFC 3032), on ethertypes 0x8847 (unicast) / 0x8848 (multicast), PPP protocol
// 0x0281 / 0x0283, GRE and UDP port 6635 (MPLS-over-UDP, RFC 7510).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                Label                  | TC  |S|       TTL     |   one entry; S = bottom of stack
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// The whole stack is one layer (tshark shows one `mpls`), at most MAX_MPLS_LABELS entries. The
// payload carries no type: an explicit-null bottom label (0 = IPv4, 2 = IPv6) or else the first
// nibble (4, 6) says IP; anything else (pseudowire control word, ACH, ...) stays `data`.
// Anomalies: mpls.trunc_hdr (stack cut short: the captured entries are kept as a truncated
// layer), mpls.too_many_labels (no bottom of stack within the cap) — both stop decoding;
// mpls.unknown_payload (counted, payload recorded as data).

import { ANOM_MPLS_TOO_MANY_LABELS, ANOM_MPLS_TRUNC_HDR, ANOM_MPLS_UNKNOWN_PAYLOAD } from '../abi/anomalies';
import { PROTO_MPLS } from '../abi/protocols';
import { raiseAnomaly } from '../stats/counters';
import { be32, u8at } from '../util/bytes';
import { ethertypeKey, KEY_DATA, KEY_STOP } from './keys';
import { pushLayer, setNext, stop, stopTruncated } from './packet';

export const MPLS_ENTRY_LEN: u32 = 4;
export const MAX_MPLS_LABELS: u32 = 8;
const MPLS_BOS: u32 = 0x100;
const LABEL_IPV4_EXPLICIT_NULL: u32 = 0;
const LABEL_IPV6_EXPLICIT_NULL: u32 = 2;

/** Bottom label of the last stack decoded (for tests and later stages). */
export let mplsBottomLabel: u32 = 0;

export function decodeMpls(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  let n: u32 = 0;
  let entry: u32 = 0;
  // bounded walk: at most MAX_MPLS_LABELS entries
  while (true) {
    if ((n + 1) * MPLS_ENTRY_LEN > avail) return stopTruncated(PROTO_MPLS, off, avail, ANOM_MPLS_TRUNC_HDR);
    if (n == MAX_MPLS_LABELS) {
      pushLayer(PROTO_MPLS, off, n * MPLS_ENTRY_LEN, avail);
      return stop(ANOM_MPLS_TOO_MANY_LABELS);
    }
    entry = be32(pkt + off + n * MPLS_ENTRY_LEN);
    n++;
    if ((entry & MPLS_BOS) != 0) break;
  }
  const hlen = n * MPLS_ENTRY_LEN;
  if (!pushLayer(PROTO_MPLS, off, hlen, avail)) return KEY_STOP;
  mplsBottomLabel = entry >> 12;
  const pl = off + hlen;
  setNext(pl, end);
  if (pl >= end) return KEY_STOP; // a bare label stack (OAM, or cut by the snaplen at the boundary)
  if (mplsBottomLabel == LABEL_IPV4_EXPLICIT_NULL) return ethertypeKey(0x0800);
  if (mplsBottomLabel == LABEL_IPV6_EXPLICIT_NULL) return ethertypeKey(0x86dd);
  const nibble = u8at(pkt + pl) >> 4;
  if (nibble == 4) return ethertypeKey(0x0800);
  if (nibble == 6) return ethertypeKey(0x86dd);
  raiseAnomaly(ANOM_MPLS_UNKNOWN_PAYLOAD);
  return KEY_DATA;
}
