/**
 * rawbytes: the preceding content inspects the raw packet, not a normalised buffer (a no-op in Suricata,
 * kept for Snort rules) (Suricata "Payload keywords" § rawbytes). Content modifier without value.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { needContent, noValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'rawbytes',
  summary:
    'the preceding content inspects the raw packet, not a normalised buffer (a no-op in Suricata, kept for Snort rules)',
  syntax: 'content:"..."; rawbytes;',
  example: 'content:"admin"; rawbytes;',
};

export function parse(value: string | undefined): true {
  noValue('rawbytes', value);
  return true;
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule) {
    const c = needContent(rule, 'rawbytes');
    if (c.rawbytes) badValue('rawbytes', 'given twice for one content');
    c.rawbytes = true;
  },
});
