/**
 * EVE `dns` events shaped as Suricata 7 writes them (event_type "dns", answers in version 2
 * form): a query event per request ({type: "query", id, rrname, rrtype, tx_id, opcode}) and an
 * answer event per response ({version: 2, type: "answer", id, flags, qr, aa, tc, rd, ra, z,
 * opcode, rrname, rrtype, rcode, answers[{rrname, rrtype, ttl, rdata}], grouped{TYPE: [rdata]}}).
 */
import type { AppEvent } from '../app/records.js';
import { eveAppHeader } from './eve-app-common.js';

export const meta = {
  name: 'eve-dns',
  summary: 'EVE dns events: queries and answers (Suricata 7, version 2 answers)',
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
  const d = e.dns;
  if (!d) return ev;
  if (!d.qr) {
    const q: Record<string, unknown> = { type: 'query', id: d.id };
    if (d.rrname !== undefined) q.rrname = d.rrname;
    q.rrtype = rrtypeName(d.rrtype);
    q.tx_id = e.txId;
    q.opcode = d.opcode;
    ev.dns = q;
    return ev;
  }
  const a: Record<string, unknown> = { version: 2, type: 'answer', id: d.id, flags: d.flags.toString(16) };
  a.qr = true;
  if (d.flags & 0x0400) a.aa = true;
  if (d.flags & 0x0200) a.tc = true;
  if (d.flags & 0x0100) a.rd = true;
  if (d.flags & 0x0080) a.ra = true;
  if (d.flags & 0x0040) a.z = true;
  a.opcode = d.opcode;
  if (d.rrname !== undefined) a.rrname = d.rrname;
  a.rrtype = rrtypeName(d.rrtype);
  a.rcode = rcodeName(d.rcode);
  if (d.answers.length) {
    a.answers = d.answers.map((x) => ({
      rrname: x.rrname,
      rrtype: rrtypeName(x.rrtype),
      ttl: x.ttl,
      rdata: x.rdata,
    }));
    const grouped: Record<string, string[]> = {};
    for (const x of d.answers) (grouped[rrtypeName(x.rrtype)] ??= []).push(x.rdata);
    a.grouped = grouped;
  }
  ev.dns = a;
  return ev;
}
