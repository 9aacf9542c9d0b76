/**
 * Integer fields of an app-layer transaction that rule keywords compare (dns.opcode, ...), read by
 * the verifier from the candidate. They have no parser buffer: the rule names a pseudo buffer
 * (TRANSACTION_FIELDS in buffers.ts, id 0) so that it is checked on every inspected transaction of
 * its protocol, and the value is read here.
 *
 * dns.opcode: bits 11-14 of the flags word of the DNS message in the transaction's direction
 * (RFC 1035 § 4.1.1). The message is the packet payload (raw.ts): the datagram over UDP, after
 * the two-byte length over TCP (the message at the start of the segment that completed it).
 */
import type { Candidate } from '../alerts/verify.js';
import { appRawPayload } from './raw.js';

/** APP_PROTO_DNS (assembly/abi/layout.ts). */
const APP_PROTO_DNS = 3;
const DNS_HEADER_LEN = 12;

/** The DNS header of an app-layer candidate's message, or undefined. */
function dnsHeader(c: Candidate): Uint8Array | undefined {
  if (!c.appBuffer || c.appProto !== APP_PROTO_DNS) return undefined;
  let m = appRawPayload(c);
  if (c.ipProto === 6) m = m.subarray(2);
  return m.length >= DNS_HEADER_LEN ? m : undefined;
}

/** The value of transaction field `kind` for candidate `c`, or undefined when it has none. */
export function appFieldValue(kind: string, c: Candidate): number | undefined {
  switch (kind) {
    case 'dns.opcode': {
      const h = dnsHeader(c);
      return h ? ((h[2] as number) >> 3) & 0x0f : undefined;
    }
    default:
      return undefined;
  }
}
