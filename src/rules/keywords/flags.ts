/**
 * flags: TCP flags (Suricata "TCP keywords" § tcp.flags, Snort 2.9 §3.6.9). Letters F S R P A U C E
 * (and Snort's 1 2 for CWR/ECE), 0 for none. A modifier before or after the letters: `+` these and
 * any others, `*` any of these, `!` none of these; without one, exactly these. After a comma, the
 * flags to ignore: `flags:SA,CE;`.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { FlagsSpec } from '../types.js';
import { once, requireValue } from './util.js';
import { FLAGS_MODES, OP_FLAGS, type ProgramWriter } from '../compile/opcodes.js';

export const meta: KeywordMeta = {
  name: 'flags',
  summary: 'TCP flags that must (or must not) be set',
  syntax: 'flags:[!|*|+]<FSRPAUCE0>[,<ignored flags>];',
  example: 'flags:S,CE;',
};

const BITS: Record<string, number> = {
  F: 0x01,
  S: 0x02,
  R: 0x04,
  P: 0x08,
  A: 0x10,
  U: 0x20,
  E: 0x40,
  C: 0x80,
  '2': 0x40,
  '1': 0x80,
};

function bitsOf(text: string, allowZero: boolean): number {
  let v = 0;
  for (const ch of text.toUpperCase()) {
    if (ch === '0' && allowZero) continue;
    const b = BITS[ch];
    if (b === undefined) badValue('flags', `unknown flag "${ch}" (expected F S R P A U C E 1 2 0)`);
    v |= b;
  }
  return v;
}

export function parse(value: string | undefined): FlagsSpec {
  const v = requireValue('flags', value).replace(/\s+/g, '');
  const [main = '', ignoreText, extra] = v.split(',');
  if (extra !== undefined) badValue('flags', `"${v}" has more than one comma`);
  let modifier: FlagsSpec['modifier'] = 'exact';
  let letters = main;
  const mods = main.replace(/[^+*!]/g, '');
  if (mods.length > 1) badValue('flags', `"${main}" has more than one modifier`);
  if (mods.length === 1) {
    if (!main.startsWith(mods) && !main.endsWith(mods))
      badValue('flags', `modifier "${mods}" must come first or last`);
    modifier = mods as '+' | '*' | '!';
    letters = main.replace(mods, '');
  }
  if (letters === '') badValue('flags', `"${v}" names no flag`);
  if (letters.includes('0') && letters !== '0')
    badValue('flags', '"0" (no flags) cannot be combined with flags');
  const flags = bitsOf(letters, true);
  const ignore = ignoreText === undefined ? 0 : bitsOf(ignoreText, false);
  return { kind: 'flags', modifier, flags, ignore };
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: FlagsSpec) {
    once(rule, 'flags');
    rule.conditions.push(spec);
  },
});

/** Program form (assembly/verify/flags.ts): modifier, mask, ignored flags. */
export function encode(s: FlagsSpec, w: ProgramWriter): void {
  w.op(OP_FLAGS);
  w.word(FLAGS_MODES[s.modifier]);
  w.word(s.flags);
  w.word(s.ignore);
}
