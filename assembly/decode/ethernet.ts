// Ethernet II and IEEE 802.3 frames (IEEE 802.3, RFC 894).
//
//   0               6              12      14
//   +---------------+---------------+-------+---------
//   | destination   | source        | type  | payload
//   +---------------+---------------+-------+---------
//
// A type/length value below 0x0600 is an 802.3 length: the payload is LLC (802.2), which this
// engine records as a layer and does not decode further (STP, CDP, DTP live there).
// Anomalies: eth.trunc_hdr (fewer than 14 bytes: the layer is named with no field, as tshark
// shows it).

import { ANOM_ETH_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_ETHERNET, PROTO_LLC } from '../abi/protocols';
import { be16 } from '../util/bytes';
import { ethertypeKey, KEY_STOP } from './keys';
import { pushLayer, setNext, stopMalformed } from './packet';

export const ETH_HDR_LEN: u32 = 14;

export function decodeEthernet(pkt: usize, off: u32, end: u32): u32 {
  if (end - off < ETH_HDR_LEN) return stopMalformed(PROTO_ETHERNET, off, end - off, ANOM_ETH_TRUNC_HDR);
  const typeOrLen = be16(pkt + off + 12);
  if (!pushLayer(PROTO_ETHERNET, off, ETH_HDR_LEN, end - off)) return KEY_STOP;
  if (typeOrLen < 0x0600) {
    // 802.3 length field: LLC follows; we record it and stop (no IP above it in practice).
    pushLayer(PROTO_LLC, off + ETH_HDR_LEN, 3, end - off - ETH_HDR_LEN);
    return KEY_STOP;
  }
  setNext(off + ETH_HDR_LEN, end);
  return ethertypeKey(typeOrLen);
}
