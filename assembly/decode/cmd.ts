// Cisco MetaData (ethertype 0x8909): carries the TrustSec security group tag (SGT).
//
//   on Ethernet:  | version (1) | length (1) | option type (2) | SGT (2) | ethertype (2) | payload
//   in GRE:       | ethertype (2) | version (1) | length (1) | option type (2) | SGT (2) | payload
//
// In GRE the encapsulated ethertype comes first (as Wireshark's packet-cisco-metadata.c reads
// it); dispatch.ts picks the form from the enclosing layer. 8 bytes either way.
// Anomalies: cmd.trunc_hdr (stops decoding).

import { ANOM_CMD_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_CMD } from '../abi/protocols';
import { be16 } from '../util/bytes';
import { ethertypeKey, KEY_STOP } from './keys';
import { pushLayer, setNext, stopTruncated } from './packet';

export const CMD_HDR_LEN: u32 = 8;

/** Security group tag of the last Cisco MetaData header decoded. */
export let cmdSgt: u32 = 0;

function decodeCmdAt(pkt: usize, off: u32, end: u32, etypeOff: u32, sgtOff: u32): u32 {
  const avail = end - off;
  if (avail < CMD_HDR_LEN) return stopTruncated(PROTO_CMD, off, avail, ANOM_CMD_TRUNC_HDR);
  if (!pushLayer(PROTO_CMD, off, CMD_HDR_LEN, avail)) return KEY_STOP;
  cmdSgt = be16(pkt + off + sgtOff);
  setNext(off + CMD_HDR_LEN, end);
  return ethertypeKey(be16(pkt + off + etypeOff));
}

export function decodeCmd(pkt: usize, off: u32, end: u32): u32 {
  return decodeCmdAt(pkt, off, end, 6, 4);
}

export function decodeCmdInGre(pkt: usize, off: u32, end: u32): u32 {
  return decodeCmdAt(pkt, off, end, 0, 6);
}
