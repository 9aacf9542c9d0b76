/**
 * Just enough DER (X.690) to build structurally valid X.509 certificates (RFC 5280) for the TLS
 * handshakes: an ECDSA P-256 leaf with CN and subjectAltName for the server name, signed (with
 * random bytes) by a fixed intermediate. Dissectors parse every field; nothing verifies it.
 */
import type { Rng } from './rng.js';

function len(n: number): number[] {
  if (n < 0x80) return [n];
  if (n < 0x100) return [0x81, n];
  return [0x82, n >>> 8, n & 0xff];
}

export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  return Buffer.concat([Uint8Array.from([tag, ...len(body.length)]), body]);
}

const seq = (...c: Uint8Array[]): Uint8Array => tlv(0x30, ...c);
const set = (...c: Uint8Array[]): Uint8Array => tlv(0x31, ...c);
const oid = (...b: number[]): Uint8Array => tlv(0x06, Uint8Array.from(b));
const utf8 = (s: string): Uint8Array => tlv(0x0c, Buffer.from(s, 'utf8'));

const OID_ECDSA_SHA256 = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
const OID_EC_PUBLIC_KEY = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_PRIME256V1 = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_CN = [0x55, 0x04, 0x03];
const OID_C = [0x55, 0x04, 0x06];
const OID_O = [0x55, 0x04, 0x0a];
const OID_SAN = [0x55, 0x1d, 0x11];

/** A positive INTEGER of `n` random bytes with a non-zero, high-bit-clear first byte (minimal DER). */
function randInt(rng: Rng, n: number): Uint8Array {
  const b = rng.bytes(n);
  b[0] = (b[0]! & 0x7f) | 0x01;
  return tlv(0x02, b);
}

/** An ECDSA-Sig-Value (RFC 3279): SEQUENCE { r INTEGER, s INTEGER } with random values. */
export function ecdsaSignature(rng: Rng): Uint8Array {
  return seq(randInt(rng, 32), randInt(rng, 32));
}

function name(cn: string, org?: string): Uint8Array {
  const rdns = [set(seq(oid(...OID_C), tlv(0x13, Buffer.from('US', 'latin1'))))];
  if (org) rdns.push(set(seq(oid(...OID_O), utf8(org))));
  rdns.push(set(seq(oid(...OID_CN), utf8(cn))));
  return seq(...rdns);
}

export function certificate(rng: Rng, subjectCn: string, issuerCn: string, san: string | null): Uint8Array {
  const sigAlg = seq(oid(...OID_ECDSA_SHA256));
  const point = new Uint8Array(66);
  point[0] = 0; // unused bits
  point[1] = 4; // uncompressed point
  rng.fill(point, 2, 64);
  const spki = seq(seq(oid(...OID_EC_PUBLIC_KEY), oid(...OID_PRIME256V1)), tlv(0x03, point));
  const year = 24 + rng.int(2);
  const validity = seq(
    tlv(0x17, Buffer.from(`${year}0${rng.range(1, 9)}1${rng.range(0, 9)}000000Z`, 'latin1')),
    tlv(0x17, Buffer.from(`${year + 1}0${rng.range(1, 9)}1${rng.range(0, 9)}235959Z`, 'latin1')),
  );
  const parts = [
    tlv(0xa0, tlv(0x02, Uint8Array.of(2))),
    randInt(rng, 16),
    sigAlg,
    name(issuerCn, 'Example Trust Services'),
    validity,
    name(subjectCn, san ? undefined : 'Example Trust Services'),
    spki,
  ];
  if (san) {
    const sanValue = seq(tlv(0x82, Buffer.from(san, 'latin1')));
    parts.push(tlv(0xa3, seq(seq(oid(...OID_SAN), tlv(0x04, sanValue)))));
  }
  const sig = Buffer.concat([Uint8Array.of(0), ecdsaSignature(rng)]);
  return seq(seq(...parts), sigAlg, tlv(0x03, sig));
}
