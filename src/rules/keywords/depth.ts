/**
 * depth: how far into the buffer (from offset) the preceding content must end. Suricata "Payload keywords"
 * § depth. The value is an integer or a byte_extract
 * variable. Suricata rejects a numeric depth shorter than the content; so do we.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { type NumOrVar, parseNumOrVar } from '../values/number.js';
import { needContent, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'depth',
  summary: 'how far into the buffer (from offset) the preceding content must end',
  syntax: 'content:"..."; depth:<integer|byte_extract var>;',
  example: 'content:"|00 01|"; depth:4;',
};

export const keyword = defineKeyword({
  meta,
  parse(value, rule): NumOrVar {
    return parseNumOrVar('depth', requireValue('depth', value), 1, 65535, new Set(rule.byteVars));
  },
  apply(rule, spec: NumOrVar) {
    const c = needContent(rule, 'depth');
    if (c.depth !== undefined) badValue('depth', 'given twice for one content');
    if (c.startswith) badValue('depth', 'cannot be combined with startswith');
    if (typeof spec === 'number' && spec < c.bytes.length) {
      badValue('depth', `${spec} is less than the content length ${c.bytes.length}`);
    }
    c.depth = spec;
  },
});
