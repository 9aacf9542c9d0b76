/**
 * endswith: the preceding content must end at the end of the buffer (Suricata "Payload keywords" §
 * endswith). Content modifier without value.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { needContent, noValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'endswith',
  summary: 'the preceding content must end at the end of the buffer',
  syntax: 'content:"..."; endswith;',
  example: 'content:"admin"; endswith;',
};

export function parse(value: string | undefined): true {
  noValue('endswith', value);
  return true;
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule) {
    const c = needContent(rule, 'endswith');
    if (c.endswith) badValue('endswith', 'given twice for one content');
    c.endswith = true;
  },
});
