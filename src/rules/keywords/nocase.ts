/**
 * nocase: the preceding content matches ignoring ASCII case (Suricata "Payload keywords" § nocase).
 * Content modifier without value.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { needContent, noValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'nocase',
  summary: 'the preceding content matches ignoring ASCII case',
  syntax: 'content:"..."; nocase;',
  example: 'content:"admin"; nocase;',
};

export function parse(value: string | undefined): true {
  noValue('nocase', value);
  return true;
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule) {
    const c = needContent(rule, 'nocase');
    if (c.nocase) badValue('nocase', 'given twice for one content');
    c.nocase = true;
  },
});
