/**
 * msg: the alert text (Suricata "Meta keywords" § msg). Quoted; a backslash escapes the next
 * character, whatever it is (Suricata detect-msg.c strips every escape: ET Open writes `\r\n`).
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { unquote } from '../values/string.js';
import { once, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'msg',
  summary: 'text of the alert',
  syntax: 'msg:"<text>";',
  example: 'msg:"ET SCAN Nmap probe";',
};

export function parse(value: string | undefined): string {
  return unquote('msg', requireValue('msg', value), false).replace(/\\(.)/g, '$1');
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: string) {
    once(rule, 'msg');
    rule.msg = spec;
  },
});
