/**
 * TLS 1.2 over TCP port 443 (RFC 5246, extensions RFC 6066/7301/8446): a ClientHello with SNI,
 * a modern cipher list and the usual extensions (it offers 1.3 too), the server's flight
 * (ServerHello, Certificate chain, ECDHE ServerKeyExchange, ServerHelloDone) in one record,
 * ClientKeyExchange + ChangeCipherSpec + Finished, then application data records both ways
 * and an encrypted close_notify alert.
 */
import type { GenContext } from './context.js';
import { certificate, ecdsaSignature } from './der.js';
import { PROTO_TCP, type PacketSpec } from './frame.js';
import { TcpConv } from './tcp-session.js';

const CT_CHANGE_CIPHER_SPEC = 20;
const CT_ALERT = 21;
const CT_HANDSHAKE = 22;
const CT_APPLICATION_DATA = 23;
const MAX_RECORD_PAYLOAD = 16384 + 24;

const CIPHERS = [
  0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d,
  0x002f, 0x0035,
];

const u16 = (v: number): number[] => [(v >>> 8) & 0xff, v & 0xff];
const u24 = (v: number): number[] => [(v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const bytes = (...parts: (Uint8Array | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => Uint8Array.from(p)));
const vec16 = (...parts: (Uint8Array | number[])[]): Buffer => {
  const b = bytes(...parts);
  return bytes(u16(b.length), b);
};
const ext = (type: number, ...data: (Uint8Array | number[])[]): Buffer => bytes(u16(type), vec16(...data));
const handshake = (type: number, body: Uint8Array): Buffer => bytes([type, ...u24(body.length)], body);
const record = (type: number, body: Uint8Array, version = 0x0303): Buffer =>
  bytes([type, ...u16(version), ...u16(body.length)], body);

function clientHello(ctx: GenContext, sni: string): Buffer {
  const rng = ctx.rng;
  const host = Buffer.from(sni, 'latin1');
  const exts = bytes(
    ext(0x0000, vec16([0], u16(host.length), host)),
    ext(0x0017),
    ext(0xff01, [0]),
    ext(0x000a, vec16(u16(0x001d), u16(0x0017), u16(0x0018))),
    ext(0x000b, [1, 0]),
    ext(0x0023),
    ext(0x0010, vec16([2], Buffer.from('h2'), [8], Buffer.from('http/1.1'))),
    ext(0x0005, [1, 0, 0, 0, 0]),
    ext(0x000d, vec16(...[0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601].map(u16))),
    ext(0x002b, [4], u16(0x0304), u16(0x0303)),
    ext(0x0033, vec16(u16(0x001d), u16(32), rng.bytes(32))),
    ext(0x002d, [1, 1]),
  );
  const body = bytes(
    u16(0x0303),
    rng.bytes(32),
    [32],
    rng.bytes(32),
    vec16(...CIPHERS.map(u16)),
    [1, 0],
    vec16(exts),
  );
  return record(CT_HANDSHAKE, handshake(1, body), 0x0301);
}

function serverFlight(ctx: GenContext, sni: string): Buffer {
  const rng = ctx.rng;
  const exts = bytes(
    ext(0xff01, [0]),
    ext(0x0017),
    ext(0x000b, [1, 0]),
    ext(0x0010, vec16([8], Buffer.from('http/1.1'))),
  );
  const hello = bytes(u16(0x0303), rng.bytes(32), [32], rng.bytes(32), u16(0xc02b), [0], vec16(exts));
  const issuer = `Example Trust ECC CA ${rng.range(1, 4)}`;
  const leaf = certificate(rng, sni, issuer, sni);
  const ca = certificate(rng, issuer, 'Example Trust Root CA', null);
  const chain = bytes(u24(leaf.length), leaf, u24(ca.length), ca);
  const sig = ecdsaSignature(rng);
  const ske = bytes([3], u16(0x001d), [32], rng.bytes(32), u16(0x0403), u16(sig.length), sig);
  return record(
    CT_HANDSHAKE,
    bytes(
      handshake(2, hello),
      handshake(11, bytes(u24(chain.length), chain)),
      handshake(12, ske),
      handshake(14, new Uint8Array(0)),
    ),
  );
}

/** `len` bytes of application data as a run of records, ciphertext sliced from the random pool. */
function appData(ctx: GenContext, len: number): Buffer {
  const parts: Uint8Array[] = [];
  for (let off = 0; off < len; off += MAX_RECORD_PAYLOAD) {
    const n = Math.min(MAX_RECORD_PAYLOAD, len - off);
    parts.push(Uint8Array.from([CT_APPLICATION_DATA, 3, 3, ...u16(n)]), ctx.bin(n));
  }
  return Buffer.concat(parts);
}

export function tlsSession(ctx: GenContext): PacketSpec[] {
  const rng = ctx.rng;
  const server = ctx.server();
  const flow = ctx.flow(ctx.client(), server, PROTO_TCP, 443);
  const conv = new TcpConv(flow, rng).handshake();
  conv.send(0, clientHello(ctx, server.name));
  conv.send(1, serverFlight(ctx, server.name));
  conv.send(
    0,
    bytes(
      record(CT_HANDSHAKE, handshake(16, bytes([32], rng.bytes(32)))),
      record(CT_CHANGE_CIPHER_SPEC, Uint8Array.of(1)),
      record(CT_HANDSHAKE, rng.bytes(40)),
    ),
  );
  conv.send(1, bytes(record(CT_CHANGE_CIPHER_SPEC, Uint8Array.of(1)), record(CT_HANDSHAKE, rng.bytes(40))));
  const exchanges = rng.logRange(1, 6);
  for (let i = 0; i < exchanges; i++) {
    conv.send(0, appData(ctx, rng.range(150, 900)));
    conv.send(1, appData(ctx, rng.logRange(100, 400000)));
  }
  const closer = rng.chance(0.7) ? 0 : 1;
  conv.send(closer, record(CT_ALERT, rng.bytes(26)));
  conv.close(closer, rng.chance(0.9) ? 'fin' : 'rst');
  return conv.specs;
}
