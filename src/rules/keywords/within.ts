/**
 * within: the preceding content must end within N bytes after the previous match (relative). Suricata
 * "Payload keywords" § within. The value is an integer or a byte_extract
 * variable. Suricata rejects a numeric within shorter than the content; so do we.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { type NumOrVar, parseNumOrVar } from '../values/number.js';
import { needContent, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'within',
  summary: 'the preceding content must end within N bytes after the previous match (relative)',
  syntax: 'content:"..."; within:<integer|byte_extract var>;',
  example: 'content:"|00 01|"; within:4;',
};

export const keyword = defineKeyword({
  meta,
  parse(value, rule): NumOrVar {
    return parseNumOrVar('within', requireValue('within', value), 1, 65535, new Set(rule.byteVars));
  },
  apply(rule, spec: NumOrVar) {
    const c = needContent(rule, 'within');
    if (c.within !== undefined) badValue('within', 'given twice for one content');
    if (c.startswith) badValue('within', 'cannot be combined with startswith');
    if (typeof spec === 'number' && spec < c.bytes.length) {
      badValue('within', `${spec} is less than the content length ${c.bytes.length}`);
    }
    c.within = spec;
  },
});
