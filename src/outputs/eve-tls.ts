/**
 * EVE `tls` events shaped as Suricata writes them (event_type "tls"): subject, issuerdn, serial,
 * fingerprint (SHA-1 of the leaf certificate), sni, version, notbefore, notafter, ja3 {hash,
 * string}, ja3s {hash, string}, ja4. One per handshake.
 */
import { certFingerprint, type AppEvent } from '../app/records.js';
import { eveAppHeader } from './eve-app-common.js';

export const meta = {
  name: 'eve-tls',
  summary: 'EVE tls events: one per handshake (SNI, certificate, JA3/JA3S/JA4)',
};

export function tlsVersionName(v: number): string {
  switch (v) {
    case 0x0200:
      return 'SSLv2';
    case 0x0300:
      return 'SSLv3';
    case 0x0301:
      return 'TLS 1.0';
    case 0x0302:
      return 'TLS 1.1';
    case 0x0303:
      return 'TLS 1.2';
    case 0x0304:
      return 'TLS 1.3';
    default:
      return 'UNDETERMINED';
  }
}

/** DER UTCTime / GeneralizedTime → "2024-01-01T00:00:00" (Suricata's notbefore / notafter form). */
function derTime(tag: number, s: string): string | undefined {
  let y: string;
  let rest: string;
  if (tag === 0x17 && s.length >= 12) {
    const yy = Number(s.slice(0, 2));
    y = String(yy >= 50 ? 1900 + yy : 2000 + yy);
    rest = s.slice(2);
  } else if (tag === 0x18 && s.length >= 14) {
    y = s.slice(0, 4);
    rest = s.slice(4);
  } else return undefined;
  return `${y}-${rest.slice(0, 2)}-${rest.slice(2, 4)}T${rest.slice(4, 6)}:${rest.slice(6, 8)}:${rest.slice(8, 10)}`;
}

/** The validity times of a DER certificate, if it parses that far. */
export function certValidity(der: Uint8Array): { notBefore?: string; notAfter?: string } {
  let o = 0;
  const tl = (): { tag: number; len: number; body: number } | undefined => {
    if (o + 2 > der.length) return undefined;
    const tag = der[o] ?? 0;
    let len = der[o + 1] ?? 0;
    let hdr = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 3) return undefined;
      len = 0;
      for (let i = 0; i < n; i++) len = (len << 8) | (der[o + 2 + i] ?? 0);
      hdr += n;
    }
    return { tag, len, body: o + hdr };
  };
  const enter = (): boolean => {
    const t = tl();
    if (!t) return false;
    o = t.body;
    return true;
  };
  const skip = (): { tag: number; len: number; body: number } | undefined => {
    const t = tl();
    if (t) o = t.body + t.len;
    return t;
  };
  if (!enter() || !enter()) return {};
  if ((der[o] ?? 0) === 0xa0) skip();
  skip(); // serial
  skip(); // signature
  skip(); // issuer
  if (!enter()) return {};
  const nb = skip();
  const na = skip();
  const text = (t: { tag: number; len: number; body: number } | undefined): string | undefined =>
    t ? derTime(t.tag, Buffer.from(der.subarray(t.body, t.body + t.len)).toString('latin1')) : undefined;
  return { notBefore: text(nb), notAfter: text(na) };
}

export function eveTlsEvent(e: AppEvent): Record<string, unknown> {
  const ev = eveAppHeader(e, 'tls', false);
  ev.tls = tlsObject(e);
  return ev;
}

/** The `tls` object of tls events and of alert events on TLS flows. */
export function tlsObject(e: AppEvent): Record<string, unknown> {
  const t = e.tls;
  const tls: Record<string, unknown> = {};
  if (t) {
    if (t.subject !== undefined) tls.subject = t.subject;
    if (t.issuerdn !== undefined) tls.issuerdn = t.issuerdn;
    if (t.serial !== undefined) tls.serial = t.serial;
    if (t.certificate) tls.fingerprint = certFingerprint(t.certificate);
    if (t.sni !== undefined) tls.sni = t.sni;
    tls.version = tlsVersionName(t.version || t.clientVersion);
    if (t.certificate) {
      const v = certValidity(t.certificate);
      if (v.notBefore) tls.notbefore = v.notBefore;
      if (v.notAfter) tls.notafter = v.notAfter;
    }
    if (t.sessionResumed) tls.session_resumed = true;
    if (t.ja3) tls.ja3 = { hash: t.ja3.hash, string: t.ja3.string };
    if (t.ja3s) tls.ja3s = { hash: t.ja3s.hash, string: t.ja3s.string };
    if (t.ja4 !== undefined) tls.ja4 = t.ja4;
  }
  return tls;
}
