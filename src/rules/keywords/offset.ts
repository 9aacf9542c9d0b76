/**
 * offset: where in the buffer the preceding content may start (bytes from the start). Suricata "Payload
 * keywords" § offset. The value is an integer or a byte_extract
 * variable.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { type NumOrVar, parseNumOrVar } from '../values/number.js';
import { needContent, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'offset',
  summary: 'where in the buffer the preceding content may start (bytes from the start)',
  syntax: 'content:"..."; offset:<integer|byte_extract var>;',
  example: 'content:"|00 01|"; offset:4;',
};

export const keyword = defineKeyword({
  meta,
  parse(value, rule): NumOrVar {
    return parseNumOrVar('offset', requireValue('offset', value), 0, 65535, new Set(rule.byteVars));
  },
  apply(rule, spec: NumOrVar) {
    const c = needContent(rule, 'offset');
    if (c.offset !== undefined) badValue('offset', 'given twice for one content');
    if (c.startswith) badValue('offset', 'cannot be combined with startswith');
    c.offset = spec;
  },
});
