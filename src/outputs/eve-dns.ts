/**
 * EVE `dns` events shaped as Suricata 8 writes them (event_type "dns", version 3, the form the
 * suricata-verify corpus checks): one event per message, {version: 3, type: "request" |
 * "response", tx_id, id, flags (hex), qr, aa, tc, rd, ra, z, opcode, rcode, queries[{rrname,
 * rrtype}], answers[{rrname, rrtype, ttl, rdata}], grouped{TYPE: [rdata]}}.
 */
import type { AppEvent } from '../app/records.js';
import { eveAppHeader } from './eve-app-common.js';

export const meta = {
  name: 'eve-dns',
  summary: 'EVE dns events: requests and responses (Suricata 8, version 3)',
};

const RRTYPES: Record<number, string> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  13: 'HINFO',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  35: 'NAPTR',
  41: 'OPT',
  43: 'DS',
  46: 'RRSIG',
  47: 'NSEC',
  48: 'DNSKEY',
  50: 'NSEC3',
  64: 'SVCB',
  65: 'HTTPS',
  99: 'SPF',
  252: 'AXFR',
  255: 'ANY',
  257: 'CAA',
};

const RCODES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE',
];

export function rrtypeName(t: number): string {
  return RRTYPES[t] ?? String(t);
}

export function rcodeName(r: number): string {
  return RCODES[r] ?? String(r);
}

export function eveDnsEvent(e: AppEvent): Record<string, unknown> {
  const ev = eveAppHeader(e, 'dns', true);
  const dns = dnsObject(e);
  if (dns) ev.dns = dns;
  return ev;
}

/** The `dns` object (version 3) of dns events and of alert events on DNS flows. */
export function dnsObject(e: AppEvent): Record<string, unknown> | undefined {
  const d = e.dns;
  if (!d) return undefined;
  const dns: Record<string, unknown> = {
    version: 3,
    type: d.qr ? 'response' : 'request',
    tx_id: e.txId,
    id: d.id,
    flags: d.flags.toString(16),
  };
  if (d.qr) dns.qr = true;
  if (d.flags & 0x0400) dns.aa = true;
  if (d.flags & 0x0200) dns.tc = true;
  if (d.flags & 0x0100) dns.rd = true;
  if (d.flags & 0x0080) dns.ra = true;
  if (d.flags & 0x0040) dns.z = true;
  dns.opcode = d.opcode;
  dns.rcode = rcodeName(d.rcode);
  if (d.rrname !== undefined || d.qdcount > 0)
    dns.queries = [{ rrname: d.rrname ?? '', rrtype: rrtypeName(d.rrtype) }];
  if (d.answers.length) {
    dns.answers = d.answers.map((x) => ({
      rrname: x.rrname,
      rrtype: rrtypeName(x.rrtype),
      ttl: x.ttl,
      rdata: x.rdata,
    }));
    const grouped: Record<string, string[]> = {};
    for (const x of d.answers) (grouped[rrtypeName(x.rrtype)] ??= []).push(x.rdata);
    dns.grouped = grouped;
  }
  return dns;
}
