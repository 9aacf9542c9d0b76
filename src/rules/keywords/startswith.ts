/**
 * startswith: the preceding content must be at the start of the buffer (depth = length, offset 0)
 * (Suricata "Payload keywords" § startswith). Content modifier without value.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { needContent, noValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'startswith',
  summary: 'the preceding content must be at the start of the buffer (depth = length, offset 0)',
  syntax: 'content:"..."; startswith;',
  example: 'content:"admin"; startswith;',
};

export function parse(value: string | undefined): true {
  noValue('startswith', value);
  return true;
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule) {
    const c = needContent(rule, 'startswith');
    if (c.startswith) badValue('startswith', 'given twice for one content');
    if (
      c.offset !== undefined ||
      c.depth !== undefined ||
      c.distance !== undefined ||
      c.within !== undefined
    ) {
      badValue('startswith', 'cannot be combined with offset, depth, distance or within');
    }
    c.startswith = true;
  },
});
