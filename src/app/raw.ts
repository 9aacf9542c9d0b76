/**
 * The bytes that the payload keywords of an app-layer rule inspect (keywords before any sticky
 * buffer, or after `pkt_data`, in a rule that also names http.* / dns.* / tls.* buffers).
 *
 * Suricata turns such a rule into a transaction rule whose payload list is one more inspection
 * engine: on TCP it inspects the raw reassembled stream of the transaction's direction
 * (DetectEngineInspectStreamPayload), on UDP the packet (detect-engine.c,
 * DetectEngineAppInspectionEngine2Signature). netsift verifies app-layer candidates when a
 * transaction direction completes (assembly/match/app.ts), with no raw stream window at hand, so:
 * - HTTP: the message as the parser kept it, http.start (start line and header block as sent,
 *   blank line included) followed by the body buffer of the direction (dechunked, the first
 *   HTTP_BODY_LIMIT bytes; a gzip response body inflated). Byte-exact with the raw stream for a
 *   Content-Length body within the limit; a chunked body loses its size lines.
 * - DNS and TLS: the payload of the packet that completed the message when it travels in the
 *   transaction's direction (a UDP DNS message is the whole packet, as in Suricata); else none.
 */
import type { Candidate } from '../alerts/verify.js';
import { APP_PROTO_HTTP } from '../wasm/layout.js';

/** The transport payload of the candidate's packet, or an empty array when it has none. */
export function packetPayload(
  c: Pick<Candidate, 'pkt' | 'ipOff' | 'l4Off' | 'ipVersion' | 'ipProto'>,
): Uint8Array {
  const { pkt, ipOff, l4Off } = c;
  let end: number;
  if (c.ipVersion === 4) end = ipOff + (((pkt[ipOff + 2] ?? 0) << 8) | (pkt[ipOff + 3] ?? 0));
  else if (c.ipVersion === 6) end = ipOff + 40 + (((pkt[ipOff + 4] ?? 0) << 8) | (pkt[ipOff + 5] ?? 0));
  else return new Uint8Array(0);
  let start: number;
  if (c.ipProto === 6) start = l4Off + ((pkt[l4Off + 12] ?? 0) >> 4) * 4;
  else if (c.ipProto === 17) start = l4Off + 8;
  else return new Uint8Array(0);
  end = Math.min(end, pkt.length);
  return start < end ? pkt.subarray(start, end) : new Uint8Array(0);
}

/** The payload an app-layer candidate's payload keywords inspect (see the file comment). */
export function appRawPayload(c: Candidate): Uint8Array {
  const get = c.appBuffer;
  if (get && c.appProto === APP_PROTO_HTTP) {
    const start = get('http.start') ?? new Uint8Array(0);
    const body = get(c.toServer ? 'http.request_body' : 'http.response_body') ?? new Uint8Array(0);
    const raw = new Uint8Array(start.length + body.length);
    raw.set(start);
    raw.set(body, start.length);
    return raw;
  }
  if (c.pktToServer !== undefined && c.pktToServer !== c.toServer) return new Uint8Array(0);
  return packetPayload(c);
}
