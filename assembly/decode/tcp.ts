// TCP header (RFC 9293 §3.1) with options: MSS (2), window scale (3), SACK-permitted (4),
// SACK (5), timestamps (8).
//
//   | source port | destination port |
//   |         sequence number        |
//   |      acknowledgment number     |
//   |doff|rsvd|AE|CWR|ECE|URG|ACK|PSH|RST|SYN|FIN| window |
//   |   checksum   |  urgent pointer  |
//   |            options             |
//
// Validated: 20 bytes present, data offset >= 5 and within the captured bytes, option lengths.
// The payload length is what the IP header declares minus the TCP header (tshark's tcp.len);
// the captured payload can be shorter (snaplen).
// A header or its options cut short is kept as a truncated layer (the captured fields stay
// readable, as in tshark). Anomalies: tcp.trunc_hdr, tcp.bad_hlen (stopping), tcp.bad_option
// (counted).

import { ANOM_TCP_BAD_HLEN, ANOM_TCP_BAD_OPTION, ANOM_TCP_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_TCP } from '../abi/protocols';
import { raiseAnomaly } from '../stats/counters';
import { be16, be32, u8at } from '../util/bytes';
import { KEY_STOP, KEY_TCP_PAYLOAD } from './keys';
import { inQuote, l4DeclLen, pushLayer, setNext, setTransportSummary, stop, stopTruncated } from './packet';

export const TCP_MIN_HDR_LEN: u32 = 20;
export const TCP_SEQ_OFF: u32 = 4;
export const TCP_ACK_OFF: u32 = 8;
export const TCP_FLAGS_OFF: u32 = 12; // 16 bits: doff(4) rsvd(3) AE + 8 flags
export const TCP_WINDOW_OFF: u32 = 14;

export const TCP_FIN: u32 = 0x01;
export const TCP_SYN: u32 = 0x02;
export const TCP_RST: u32 = 0x04;
export const TCP_PSH: u32 = 0x08;
export const TCP_ACK: u32 = 0x10;
export const TCP_URG: u32 = 0x20;
export const TCP_ECE: u32 = 0x40;
export const TCP_CWR: u32 = 0x80;

// Options of the last decoded (outermost non-quoted) TCP header; 0 when absent.
export let tcpSeq: u32 = 0;
export let tcpAck: u32 = 0;
export let tcpWindow: u32 = 0;
export let tcpMss: u32 = 0;
export let tcpWscale: i32 = -1; // -1: option absent
export let tcpSackPermitted: bool = false;
export let tcpSackBlocks: u32 = 0;
export let tcpHasTimestamp: bool = false;
export let tcpTsVal: u32 = 0;
export let tcpTsEcr: u32 = 0;

function parseOptions(p: usize, len: u32): bool {
  tcpMss = 0;
  tcpWscale = -1;
  tcpSackPermitted = false;
  tcpSackBlocks = 0;
  tcpHasTimestamp = false;
  let i: u32 = 0;
  while (i < len) {
    const kind = u8at(p + i);
    if (kind == 0) return true;
    if (kind == 1) {
      i++;
      continue;
    }
    if (i + 1 >= len) return false;
    const olen = u8at(p + i + 1);
    if (olen < 2 || i + olen > len) return false;
    const v = p + i + 2;
    if (kind == 2 && olen == 4) tcpMss = be16(v);
    else if (kind == 3 && olen == 3) tcpWscale = <i32>min<u32>(u8at(v), 14);
    else if (kind == 4 && olen == 2) tcpSackPermitted = true;
    else if (kind == 5 && olen >= 10 && (olen - 2) % 8 == 0) tcpSackBlocks = (olen - 2) >> 3;
    else if (kind == 8 && olen == 10) {
      tcpHasTimestamp = true;
      tcpTsVal = be32(v);
      tcpTsEcr = be32(v + 4);
    }
    i += olen;
  }
  return true;
}

export function decodeTcp(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < TCP_MIN_HDR_LEN) {
    // an ICMP error quotes only 8 bytes of the transport header: ports are still readable
    if (inQuote() && avail >= 4) pushLayer(PROTO_TCP, off, avail, l4DeclLen);
    return inQuote() ? KEY_STOP : stopTruncated(PROTO_TCP, off, avail, ANOM_TCP_TRUNC_HDR);
  }
  const p = pkt + off;
  const flagsField = be16(p + TCP_FLAGS_OFF);
  const hlen = (flagsField >> 12) << 2;
  if (hlen < TCP_MIN_HDR_LEN) return stop(ANOM_TCP_BAD_HLEN);
  if (hlen > avail) return stopTruncated(PROTO_TCP, off, avail, ANOM_TCP_TRUNC_HDR);
  if (!pushLayer(PROTO_TCP, off, hlen, l4DeclLen)) return KEY_STOP;
  if (inQuote()) return KEY_STOP;
  if (hlen > TCP_MIN_HDR_LEN && !parseOptions(p + TCP_MIN_HDR_LEN, hlen - TCP_MIN_HDR_LEN)) {
    raiseAnomaly(ANOM_TCP_BAD_OPTION);
  } else if (hlen == TCP_MIN_HDR_LEN) {
    parseOptions(p, 0);
  }
  tcpSeq = be32(p + TCP_SEQ_OFF);
  tcpAck = be32(p + TCP_ACK_OFF);
  tcpWindow = be16(p + TCP_WINDOW_OFF);
  const plOff = off + hlen;
  setTransportSummary(be16(p), be16(p + 2), flagsField & 0x1ff, off, plOff, end - plOff);
  setNext(plOff, end);
  return KEY_TCP_PAYLOAD;
}
