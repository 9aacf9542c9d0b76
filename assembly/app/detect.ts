// Protocol detection by content, not by port (Suricata's probing parsers): the first bytes of a
// direction's stream (stream offset 0) or of a datagram decide.
//   HTTP  a known method followed by a space, or "HTTP/1." (a response seen first)
//   TLS   a handshake record (22, version 3.x, sane length) carrying ClientHello / ServerHello
//   DNS   over TCP: a 2-byte length then a sane DNS header and first question; over UDP the same
//         without the length (app/dns.ts dnsLooksValid)
//   SMTP, FTP, SMB, SSH  detected only, not parsed (app/detect-only.ts)
// A direction that matches nothing is "tried"; a flow whose both directions were tried is
// app_proto failed (as Suricata logs it).

import { APP_PROTO_DNS, APP_PROTO_HTTP, APP_PROTO_NONE, APP_PROTO_TLS } from '../abi/layout';
import { be16 } from '../util/bytes';
import { detectOnly } from './detect-only';
import { dnsLooksValid } from './dns';
import { httpLooksLike } from './http';
import { tlsLooksLike } from './tls';

export function detectStream(p: usize, len: u32): u32 {
  if (httpLooksLike(p, len)) return APP_PROTO_HTTP;
  if (tlsLooksLike(p, len)) return APP_PROTO_TLS;
  // before DNS: an SMB session header (type 0, 3-byte length) would pass the DNS length framing
  const other = detectOnly(p, len);
  if (other != APP_PROTO_NONE) return other;
  if (len >= 14) {
    const ml = be16(p);
    if (ml >= 12 && dnsLooksValid(p + 2, min<u32>(ml, len - 2))) return APP_PROTO_DNS;
  }
  return APP_PROTO_NONE;
}

export function detectDatagram(p: usize, len: u32): u32 {
  return dnsLooksValid(p, len) ? APP_PROTO_DNS : APP_PROTO_NONE;
}
