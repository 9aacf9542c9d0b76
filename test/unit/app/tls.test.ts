// TLS parser (assembly/app/tls.ts) on real handshakes: Node's OpenSSL client and server through
// a recording TCP proxy (TLS 1.2 with the certificate in the clear, TLS 1.3), fed in recorded
// order and byte by byte. JA3 / JA4 are checked against the TypeScript reference (ja-oracle.ts),
// the certificate fields (and the SHA-1 fingerprint) against the certificates openssl made, the
// client's certificate too when the server asks for it. Then malformed records.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, connect as netConnect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, createServer as tlsServer } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import * as L from '../../../src/wasm/layout.js';
import { AppParser, hex } from './harness.js';
import { ja3, ja4, parseClientHello } from './ja-oracle.js';

interface Recorded {
  chunks: [0 | 1, Buffer][];
}

let key: Buffer;
let cert: Buffer;
let clientKey: Buffer;
let clientCert: Buffer;

function makeCert(dir: string, name: string, subj: string): [Buffer, Buffer] {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, `${name}-k.pem`),
      '-out',
      join(dir, `${name}-c.pem`),
      '-days',
      '2',
      '-subj',
      subj,
    ],
    { stdio: 'ignore' },
  );
  return [readFileSync(join(dir, `${name}-k.pem`)), readFileSync(join(dir, `${name}-c.pem`))];
}

/** openssl's SHA-1 fingerprint of a PEM certificate, in Suricata's form ("aa:bb:...", lowercase). */
function opensslFingerprint(pem: Buffer): string {
  const out = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha1'], { input: pem }).toString();
  return (/=([0-9A-F:]+)/.exec(out)?.[1] ?? '').toLowerCase();
}

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'netsift-tls-'));
  [key, cert] = makeCert(dir, 'server', '/C=US/O=Netsift Test/CN=test.example');
  [clientKey, clientCert] = makeCert(dir, 'client', '/C=FR/O=Netsift Client/CN=client.example');
});

/** A recorded handshake; with `clientAuth` the server asks for a certificate and the client sends one. */
async function handshake(maxVersion: 'TLSv1.2' | 'TLSv1.3', clientAuth = false): Promise<Recorded> {
  const rec: Recorded = { chunks: [] };
  const server = tlsServer(
    { key, cert, maxVersion, requestCert: clientAuth, rejectUnauthorized: false },
    (s) => s.end('hello'),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const proxy = createServer((c) => {
    const up = netConnect((server.address() as AddressInfo).port, '127.0.0.1');
    c.on('data', (d) => {
      rec.chunks.push([0, Buffer.from(d)]);
      up.write(d);
    });
    up.on('data', (d) => {
      rec.chunks.push([1, Buffer.from(d)]);
      c.write(d);
    });
    c.on('end', () => up.end());
    up.on('end', () => c.end());
    c.on('error', () => undefined);
    up.on('error', () => undefined);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  await new Promise<void>((resolve, reject) => {
    const s = tlsConnect({
      port: (proxy.address() as AddressInfo).port,
      host: '127.0.0.1',
      servername: 'test.example',
      ALPNProtocols: ['h2', 'http/1.1'],
      rejectUnauthorized: false,
      maxVersion,
      ...(clientAuth ? { key: clientKey, cert: clientCert } : {}),
    });
    s.on('data', () => s.end());
    s.on('close', () => resolve());
    s.on('error', reject);
  });
  await new Promise((r) => setTimeout(r, 50));
  proxy.close();
  server.close();
  return rec;
}

function clientHelloBody(rec: Recorded): Buffer {
  const c = Buffer.concat(rec.chunks.filter(([d]) => d === 0).map(([, b]) => b));
  const len = c.readUInt16BE(3); // one record holds the ClientHello here
  const body = c.subarray(5, 5 + len);
  return body.subarray(4, 4 + body.readUIntBE(1, 3));
}

describe('tls parser', () => {
  it('TLS 1.2: SNI, JA3, JA4, certificate subject / issuer / serial', async () => {
    const rec = await handshake('TLSv1.2');
    const ch = parseClientHello(clientHelloBody(rec));
    for (const size of [0, 1, 7]) {
      const p = new AppParser();
      for (const [d, b] of rec.chunks) {
        if (size) p.streamChunked(d, b, size);
        else p.stream(d, b);
      }
      expect(p.appProto).toBe(L.APP_PROTO_TLS);
      p.end();
      const evs = p.events();
      expect(evs).toHaveLength(1);
      const t = evs[0]?.tls;
      expect(t?.sni).toBe('test.example');
      expect(t?.version).toBe(0x0303);
      expect(t?.ja3).toEqual(ja3(ch));
      expect(t?.ja4).toBe(ja4(ch));
      expect(t?.subject).toBe('C=US, O=Netsift Test, CN=test.example');
      expect(t?.issuerdn).toBe('C=US, O=Netsift Test, CN=test.example');
      const serial = execFileSync('openssl', ['x509', '-noout', '-serial'], { input: cert })
        .toString()
        .trim()
        .replace('serial=', '');
      expect(t?.serial?.replace(/:/g, '').replace(/^00/, '')).toBe(serial.replace(/^00/, ''));
      expect(t?.ja3s?.string.startsWith('771,')).toBe(true);
      // the buffers of the logged handshake: the server's leaf
      expect(p.buffer('tls.cert_fingerprint')).toBe(opensslFingerprint(cert));
      expect(p.anomalies()).toEqual({});
    }
  });

  it("TLS 1.2 with client authentication: the client's certificate fills the certificate buffers", async () => {
    const rec = await handshake('TLSv1.2', true);
    // the client's Certificate (handshake type 11) is in the clear in its second flight
    const client = Buffer.concat(rec.chunks.filter(([d]) => d === 0).map(([, b]) => b));
    expect(client.includes(Buffer.from('Netsift Client'))).toBe(true);
    for (const size of [0, 5]) {
      const p = new AppParser();
      for (const [d, b] of rec.chunks) {
        if (size) p.streamChunked(d, b, size);
        else p.stream(d, b);
      }
      // the client's Certificate was inspected after the server's: its values are the last set
      expect(p.buffer('tls.cert_subject')).toBe('C=FR, O=Netsift Client, CN=client.example');
      expect(p.buffer('tls.cert_issuer')).toBe('C=FR, O=Netsift Client, CN=client.example');
      expect(p.buffer('tls.cert_fingerprint')).toBe(opensslFingerprint(clientCert));
      expect(opensslFingerprint(clientCert)).not.toBe(opensslFingerprint(cert));
      p.end();
      // one event, the server's certificate (Suricata logs the client's only on request)
      const evs = p.events();
      expect(evs).toHaveLength(1);
      expect(evs[0]?.tls?.subject).toBe('C=US, O=Netsift Test, CN=test.example');
      expect(p.anomalies()).toEqual({});
    }
  });

  it('TLS 1.3: logged after the ServerHello (the certificate is encrypted)', async () => {
    const rec = await handshake('TLSv1.3');
    const ch = parseClientHello(clientHelloBody(rec));
    const p = new AppParser();
    for (const [d, b] of rec.chunks) p.stream(d, b);
    const t = p.events()[0]?.tls;
    expect(t?.version).toBe(0x0304);
    expect(t?.ja4).toBe(ja4(ch));
    expect(t?.ja4?.startsWith('t13d')).toBe(true);
    expect(t?.subject).toBeUndefined();
    p.end();
    expect(p.events()).toHaveLength(1);
  });

  it('a truncated ClientHello at every length: no crash, logged at flow end', async () => {
    const rec = await handshake('TLSv1.2');
    const first = rec.chunks[0]?.[1] ?? Buffer.alloc(0);
    for (let n = 1; n < first.length; n += 3) {
      const p = new AppParser();
      p.stream(0, first.subarray(0, n)).end();
      expect(p.events().length).toBeLessThanOrEqual(1);
    }
  });

  it('malformed records stop parsing with an anomaly', () => {
    const p = new AppParser();
    // an empty ClientHello (detected as TLS), then a handshake record claiming 60000 bytes
    p.stream(0, hex('16 0301 0004 01 000000')).stream(0, hex('16 0303 ea60')).stream(0, Buffer.alloc(70));
    expect(p.anomaly('tls.bad_record_len')).toBe(1);
    const q = new AppParser();
    // the same, then a record of type 99
    q.stream(0, hex('16 0301 0004 01 000000')).stream(0, hex('63 0303 0001 00'));
    expect(q.anomaly('tls.bad_handshake')).toBeGreaterThanOrEqual(1);
  });
});
