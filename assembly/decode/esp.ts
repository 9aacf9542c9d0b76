// ESP (RFC 4303; IP protocol 50): recorded as a layer. Everything after the SPI and sequence
// number is ciphertext, so decoding ends here without an anomaly.
//
//   | security parameters index (4) | sequence number (4) | payload (encrypted) ...
//
// Anomalies: esp.trunc_hdr (fewer than 8 bytes; stops decoding).

import { ANOM_ESP_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_ESP } from '../abi/protocols';
import { be32 } from '../util/bytes';
import { KEY_STOP } from './keys';
import { inQuote, pushLayer, stopTruncated } from './packet';

export const ESP_HDR_LEN: u32 = 8;

/** SPI of the last ESP header decoded. */
export let espSpi: u32 = 0;

export function decodeEsp(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < ESP_HDR_LEN) {
    if (inQuote()) return KEY_STOP;
    return stopTruncated(PROTO_ESP, off, avail, ANOM_ESP_TRUNC_HDR);
  }
  if (!pushLayer(PROTO_ESP, off, ESP_HDR_LEN, avail)) return KEY_STOP;
  if (!inQuote()) espSpi = be32(pkt + off);
  return KEY_STOP;
}
