/**
 * urilen: length of the request URI (Suricata "HTTP keywords" § urilen, detect-urilen.c): the
 * shared range grammar (values/range.ts, Suricata's DetectU16Parse: `N`, `<N`, `>N`, `N<>M`
 * exclusive), then optionally `,norm` (default: the normalised URI, http.uri) or `,raw`
 * (http.uri.raw). Not a sticky buffer: it does not change the buffer later keywords inspect; it is
 * a size check on the URI buffer, evaluated like bsize (src/alerts/verify.ts).
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { UrilenSpec } from '../types.js';
import { parseRange } from '../values/range.js';
import { requireValue, splitArgs } from './util.js';

export const meta: KeywordMeta = {
  name: 'urilen',
  summary: 'length of the HTTP request URI (normalised, or raw)',
  syntax: 'urilen:[<|>]N | N<>M [,norm|,raw];',
  example: 'urilen:>100,raw;',
};

export const keyword = defineKeyword({
  meta,
  parse(value): UrilenSpec {
    const [range = '', form, ...rest] = splitArgs(requireValue('urilen', value));
    if (rest.length) badValue('urilen', `too many arguments in "${value}"`);
    if (form !== undefined && form !== 'norm' && form !== 'raw') {
      badValue('urilen', `"${form}" is neither norm nor raw`);
    }
    return {
      kind: 'urilen',
      range: parseRange('urilen', range, 0, 0xffff),
      buffer: form === 'raw' ? 'http.uri.raw' : 'http.uri',
    };
  },
  apply(rule, spec: UrilenSpec) {
    rule.matches.push(spec);
    if (!rule.buffers.includes(spec.buffer)) rule.buffers.push(spec.buffer);
  },
});
