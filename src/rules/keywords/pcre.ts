/**
 * pcre: a Perl-compatible regular expression over the current buffer (Suricata "Payload keywords"
 * § pcre). `pcre:[!]"/<regex>/<flags>";`. Flags: i s m x (and A E G) are PCRE's, mapped to an exact
 * JavaScript RegExp by ../pcre-js.ts or reported unsupported with the construct named; R = relative
 * to the previous match; B = rawbytes; O = override match limits (no effect here); U I P Q H D M C
 * K S Y V W select HTTP buffers (recorded; they make the rule app-layer).
 */
import { badValue, unsupported } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { translatePcre } from '../pcre-js.js';
import type { PcreSpec } from '../types.js';
import { unquote } from '../values/string.js';
import { requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'pcre',
  summary: 'regular expression over the payload or current buffer; ! negates, R is relative',
  syntax: 'pcre:[!]"/<regex>/[imsxAEGRBOUIPQHDMCKSYVW]";',
  example: 'pcre:"/^GET \\/[a-z]{8}\\.php/Ri";',
};

/** Suricata's HTTP buffer flags → the buffer they select. */
export const PCRE_BUFFER_FLAGS: Record<string, string> = {
  U: 'http.uri',
  I: 'http.uri.raw',
  P: 'http.request_body',
  Q: 'http.response_body',
  H: 'http.header',
  D: 'http.header.raw',
  M: 'http.method',
  C: 'http.cookie',
  K: 'http.cookie',
  S: 'http.stat_code',
  Y: 'http.stat_msg',
  V: 'http.user_agent',
  W: 'http.host',
};

const PCRE_FLAGS = 'imsxAEG';

export const keyword = defineKeyword({
  meta,
  parse(value, rule): PcreSpec {
    let v = requireValue('pcre', value);
    const negated = v.startsWith('!');
    if (negated) v = v.slice(1).trim();
    // Suricata also takes the pattern unquoted (`pcre:/one/U;`).
    const body = unquote('pcre', v, false);
    if (!body.startsWith('/')) badValue('pcre', `"${body}" does not start with "/"`);
    const end = body.lastIndexOf('/');
    if (end <= 0) badValue('pcre', `"${body}" has no closing "/"`);
    const source = body.slice(1, end);
    const flags = body.slice(end + 1);
    let pcreFlags = '';
    let bufferFlags = '';
    let otherFlags = '';
    let relative = false;
    let rawbytes = false;
    for (const f of flags) {
      if (PCRE_FLAGS.includes(f)) pcreFlags += f;
      else if (f === 'R') relative = true;
      else if (f === 'B') rawbytes = true;
      else if (f === 'O') otherFlags += f;
      else if (PCRE_BUFFER_FLAGS[f] !== undefined) bufferFlags += f;
      else badValue('pcre', `unknown flag "${f}" in "/${source}/${flags}"`);
    }
    if (bufferFlags.length > 1 && new Set([...bufferFlags].map((f) => PCRE_BUFFER_FLAGS[f])).size > 1) {
      badValue('pcre', `flags "${bufferFlags}" select more than one buffer`);
    }
    const t = translatePcre(source, pcreFlags);
    if (!t.ok) unsupported('pcre', `/${source}/${flags}: ${t.reason}`, 'unsupported: pcre syntax');
    const buffer = bufferFlags ? (PCRE_BUFFER_FLAGS[bufferFlags[0] as string] as string) : rule.currentBuffer;
    return {
      kind: 'pcre',
      source,
      jsSource: t.source,
      jsFlags: t.flags,
      negated,
      relative,
      rawbytes,
      bufferFlags,
      otherFlags,
      buffer,
      regex: new RegExp(t.source, t.flags),
    };
  },
  apply(rule, spec: PcreSpec) {
    if (spec.bufferFlags !== '' && !rule.buffers.includes(spec.buffer)) rule.buffers.push(spec.buffer);
    rule.matches.push(spec);
  },
});
