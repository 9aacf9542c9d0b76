/**
 * The keyword registry: every rule keyword netsift parses, listed explicitly (no filesystem
 * discovery), one module per keyword named exactly after it. Adding a keyword = its file + one line
 * here + its tests + its row in src/rules/README.md (a test checks the README).
 */
import type { Keyword } from '../keyword.js';
import { keyword as ack } from './ack.js';
import { keyword as asn1 } from './asn1.js';
import { keyword as tag } from './tag.js';
import { keyword as base64_decode } from './base64_decode.js';
import { keyword as bsize } from './bsize.js';
import { keyword as byte_extract } from './byte_extract.js';
import { keyword as byte_jump } from './byte_jump.js';
import { keyword as byte_test } from './byte_test.js';
import { keyword as classtype } from './classtype.js';
import { keyword as content } from './content.js';
import { keyword as depth } from './depth.js';
import { keyword as detection_filter } from './detection_filter.js';
import { keyword as distance } from './distance.js';
import { keyword as dnsOpcode } from './dns.opcode.js';
import { keyword as dnsRrtype } from './dns.rrtype.js';
import { keyword as dsize } from './dsize.js';
import { keyword as endswith } from './endswith.js';
import { keyword as fast_pattern } from './fast_pattern.js';
import { keyword as flags } from './flags.js';
import { keyword as flow } from './flow.js';
import { keyword as flowbits } from './flowbits.js';
import { keyword as xbits } from './xbits.js';
import { keyword as flowint } from './flowint.js';
import { keyword as gid } from './gid.js';
import { keyword as icmp_id } from './icmp_id.js';
import { keyword as icmp_seq } from './icmp_seq.js';
import { keyword as icode } from './icode.js';
import { keyword as id } from './id.js';
import { keyword as ip_proto } from './ip_proto.js';
import { keyword as isdataat } from './isdataat.js';
import { keyword as itype } from './itype.js';
import { keyword as metadata } from './metadata.js';
import { keyword as msg } from './msg.js';
import { keyword as noalert } from './noalert.js';
import { keyword as nocase } from './nocase.js';
import { keyword as offset } from './offset.js';
import { keyword as pcre } from './pcre.js';
import { keyword as priority } from './priority.js';
import { keyword as rawbytes } from './rawbytes.js';
import { keyword as reference } from './reference.js';
import { keyword as rev } from './rev.js';
import { keyword as sameip } from './sameip.js';
import { keyword as stream_size } from './stream_size.js';
import { keyword as seq } from './seq.js';
import { keyword as sid } from './sid.js';
import { keyword as startswith } from './startswith.js';
import { keyword as target } from './target.js';
import { keyword as threshold } from './threshold.js';
import { keyword as tos } from './tos.js';
import { keyword as ttl } from './ttl.js';
import { keyword as window } from './window.js';
import { keyword as within } from './within.js';
import { keyword as dotprefix } from './dotprefix.js';
import { keyword as tlsCertChainLen } from './tls.cert_chain_len.js';
import { keyword as tlsVersion } from './tls.version.js';
import { keyword as tls_cert_expired } from './tls_cert_expired.js';
import { keyword as tls_cert_notafter } from './tls_cert_notafter.js';
import { keyword as tls_cert_notbefore } from './tls_cert_notbefore.js';
import { keyword as tls_cert_valid } from './tls_cert_valid.js';
import { keyword as to_lowercase } from './to_lowercase.js';
import { keyword as strip_whitespace } from './strip_whitespace.js';
import { keyword as urilen } from './urilen.js';
import { keyword as url_decode } from './url_decode.js';

/** In rule-writing order: meta, payload, header, flow, rate. */
const ALL: readonly Keyword[] = [
  msg,
  sid,
  rev,
  gid,
  classtype,
  priority,
  reference,
  metadata,
  target,
  noalert,
  content,
  nocase,
  rawbytes,
  offset,
  depth,
  distance,
  within,
  fast_pattern,
  startswith,
  endswith,
  isdataat,
  pcre,
  byte_test,
  byte_jump,
  byte_extract,
  base64_decode,
  bsize,
  urilen,
  dotprefix,
  to_lowercase,
  strip_whitespace,
  url_decode,
  dnsOpcode,
  dnsRrtype,
  tls_cert_notbefore,
  tls_cert_notafter,
  tls_cert_expired,
  tls_cert_valid,
  tlsCertChainLen,
  tlsVersion,
  dsize,
  flags,
  ttl,
  tos,
  id,
  ip_proto,
  itype,
  icode,
  icmp_id,
  icmp_seq,
  sameip,
  stream_size,
  seq,
  ack,
  window,
  flow,
  flowbits,
  xbits,
  flowint,
  asn1,
  tag,
  threshold,
  detection_filter,
];

/** Other spellings of registered keywords (Suricata 8 names). */
export const KEYWORD_ALIASES: Readonly<Record<string, string>> = { 'tcp.flags': 'flags' };

export const KEYWORDS: ReadonlyMap<string, Keyword> = new Map([
  ...ALL.map((k): [string, Keyword] => [k.meta.name, k]),
  ...Object.entries(KEYWORD_ALIASES).map(([alias, name]): [string, Keyword] => [
    alias,
    ALL.find((k) => k.meta.name === name) as Keyword,
  ]),
]);
