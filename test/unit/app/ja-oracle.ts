// Reference JA3 / JA3S / JA4 computed in TypeScript from a ClientHello / ServerHello body (the
// handshake message without its 4-byte header): the oracle the WASM values are checked against
// (tshark 4.0 has tls.handshake.ja3 but no JA4). JA4 per the FoxIO JA4+ spec (ja4 TLS client).
import { createHash } from 'node:crypto';

const isGrease = (v: number): boolean => (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);

export interface HelloFields {
  version: number;
  ciphers: number[];
  extensions: number[];
  groups: number[];
  pointFormats: number[];
  sigAlgs: number[];
  alpn: Buffer[];
  supportedVersions: number[];
  sni?: string;
}

export function parseClientHello(b: Buffer): HelloFields {
  const f: HelloFields = {
    version: b.readUInt16BE(0),
    ciphers: [],
    extensions: [],
    groups: [],
    pointFormats: [],
    sigAlgs: [],
    alpn: [],
    supportedVersions: [],
  };
  let o = 34;
  o += 1 + b.readUInt8(o);
  const cl = b.readUInt16BE(o);
  for (let i = 0; i < cl; i += 2) f.ciphers.push(b.readUInt16BE(o + 2 + i));
  o += 2 + cl;
  o += 1 + b.readUInt8(o);
  if (o + 2 > b.length) return f;
  const end = o + 2 + b.readUInt16BE(o);
  o += 2;
  while (o + 4 <= end) {
    const t = b.readUInt16BE(o);
    const l = b.readUInt16BE(o + 2);
    const d = b.subarray(o + 4, o + 4 + l);
    f.extensions.push(t);
    if (t === 0) f.sni = d.subarray(5, 5 + d.readUInt16BE(3)).toString('latin1');
    if (t === 10) for (let i = 2; i < 2 + d.readUInt16BE(0); i += 2) f.groups.push(d.readUInt16BE(i));
    if (t === 11) for (let i = 1; i < 1 + d.readUInt8(0); i++) f.pointFormats.push(d.readUInt8(i));
    if (t === 13) for (let i = 2; i < 2 + d.readUInt16BE(0); i += 2) f.sigAlgs.push(d.readUInt16BE(i));
    if (t === 16) {
      for (let i = 2; i < 2 + d.readUInt16BE(0);) {
        const n = d.readUInt8(i);
        f.alpn.push(d.subarray(i + 1, i + 1 + n));
        i += 1 + n;
      }
    }
    if (t === 43) for (let i = 1; i < 1 + d.readUInt8(0); i += 2) f.supportedVersions.push(d.readUInt16BE(i));
    o += 4 + l;
  }
  return f;
}

export function ja3String(f: HelloFields): string {
  const j = (a: number[]): string => a.filter((v) => !isGrease(v)).join('-');
  return [f.version, j(f.ciphers), j(f.extensions), j(f.groups), f.pointFormats.join('-')].join(',');
}

export function ja3(f: HelloFields): { string: string; hash: string } {
  const s = ja3String(f);
  return { string: s, hash: createHash('md5').update(s).digest('hex') };
}

const hex4 = (v: number): string => v.toString(16).padStart(4, '0');
const sha12 = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 12);

export function ja4(f: HelloFields, proto: 't' | 'q' = 't'): string {
  const versions = f.supportedVersions.filter((v) => !isGrease(v));
  const v = versions.length ? Math.max(...versions) : f.version;
  const vs =
    ({ 0x0304: '13', 0x0303: '12', 0x0302: '11', 0x0301: '10', 0x0300: 's3' } as Record<number, string>)[v] ??
    '00';
  const ciphers = f.ciphers.filter((c) => !isGrease(c));
  const exts = f.extensions.filter((e) => !isGrease(e));
  const nn = (n: number): string => String(Math.min(n, 99)).padStart(2, '0');
  let alpn = '00';
  const first = f.alpn[0];
  if (first && first.length > 0) {
    const a = first[0] ?? 0;
    const z = first[first.length - 1] ?? 0;
    const alnum = (c: number): boolean => /[0-9A-Za-z]/.test(String.fromCharCode(c));
    if (alnum(a) && alnum(z)) alpn = String.fromCharCode(a) + String.fromCharCode(z);
    else {
      const h = first.toString('hex');
      alpn = (h[0] ?? '0') + (h[h.length - 1] ?? '0');
    }
  }
  const a = `${proto}${vs}${f.extensions.includes(0) ? 'd' : 'i'}${nn(ciphers.length)}${nn(exts.length)}${alpn}`;
  const b = ciphers.length
    ? sha12(
        [...ciphers]
          .sort((x, y) => x - y)
          .map(hex4)
          .join(','),
      )
    : '000000000000';
  const ce = exts.filter((e) => e !== 0 && e !== 16).sort((x, y) => x - y);
  let cs = ce.map(hex4).join(',');
  if (f.sigAlgs.length) cs += '_' + f.sigAlgs.map(hex4).join(',');
  const c = ce.length ? sha12(cs) : '000000000000';
  return `${a}_${b}_${c}`;
}
