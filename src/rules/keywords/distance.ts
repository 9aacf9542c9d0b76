/**
 * distance: bytes after the end of the previous match where the preceding content may start (relative).
 * Suricata "Payload keywords" § distance. The value is an integer or a byte_extract
 * variable.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { type NumOrVar, parseNumOrVar } from '../values/number.js';
import { needContent, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'distance',
  summary: 'bytes after the end of the previous match where the preceding content may start (relative)',
  syntax: 'content:"..."; distance:<integer|byte_extract var>;',
  example: 'content:"|00 01|"; distance:4;',
};

export const keyword = defineKeyword({
  meta,
  parse(value, rule): NumOrVar {
    return parseNumOrVar('distance', requireValue('distance', value), -65535, 65535, new Set(rule.byteVars));
  },
  apply(rule, spec: NumOrVar) {
    const c = needContent(rule, 'distance');
    if (c.distance !== undefined) badValue('distance', 'given twice for one content');
    if (c.startswith) badValue('distance', 'cannot be combined with startswith');
    c.distance = spec;
  },
});
