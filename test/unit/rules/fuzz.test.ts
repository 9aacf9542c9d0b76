/**
 * Fuzz-ish: real ET Open rule lines, mutated (byte flips, truncation, deletions, duplicated spans,
 * inserted rule-language metacharacters) with a fixed seed, fed to the loader. Loading must never
 * throw; every logical rule must end up loaded or reported with a located issue; no failure may
 * come from an unexpected exception (reason "internal error").
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRuleText } from '../../../src/rules/loader.js';

const ET = new URL('../../../../shared/rulesets/et-open-5.0-2024-04-21/', import.meta.url);

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const META = [
  ';',
  '"',
  '\\',
  '|',
  '(',
  ')',
  '[',
  ']',
  '!',
  '$',
  ':',
  ',',
  '/',
  ' ',
  '-',
  '<',
  '>',
  '0',
  'é',
  '\u0000',
];

function mutate(line: string, rnd: () => number): string {
  let s = line;
  const n = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * (s.length + 1));
    switch (Math.floor(rnd() * 6)) {
      case 0: // flip a bit of one char
        s =
          s.slice(0, at) +
          String.fromCharCode((s.charCodeAt(at) || 32) ^ (1 << Math.floor(rnd() * 7))) +
          s.slice(at + 1);
        break;
      case 1: // truncate
        s = s.slice(0, at);
        break;
      case 2: // delete a span
        s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 20));
        break;
      case 3: // duplicate a span
        s = s.slice(0, at) + s.slice(at, at + Math.floor(rnd() * 30)) + s.slice(at);
        break;
      default: // insert a metacharacter
        s = s.slice(0, at) + (META[Math.floor(rnd() * META.length)] as string) + s.slice(at);
    }
  }
  return s.replace(/[\r\n]/g, ' ');
}

describe('mutated ET Open rules never crash the loader', () => {
  const lines = readdirSync(ET)
    .filter((f) => f.endsWith('.rules'))
    .sort()
    .flatMap((f) => readFileSync(new URL(f, ET), 'utf8').split('\n'))
    .filter((l) => l.startsWith('alert '));
  const rnd = mulberry32(0x5eed);
  const picked: string[] = [];
  for (let i = 0; i < 4000; i++) picked.push(mutate(lines[Math.floor(rnd() * lines.length)] as string, rnd));

  it('has real input', () => {
    expect(lines.length).toBe(24827);
  });

  it('every mutated rule loads or is reported with file:line and a reason', () => {
    const text = picked.join('\n');
    let r: ReturnType<typeof loadRuleText> | undefined;
    expect(() => (r = loadRuleText(text, 'fuzz.rules'))).not.toThrow();
    if (!r) return;
    expect(r.rules.length + r.failures.length).toBe(r.total);
    expect(r.failures.length).toBeGreaterThan(1000);
    for (const f of r.failures) {
      expect(f.reason).not.toBe('internal error');
      expect(f.issues.length).toBeGreaterThan(0);
      for (const i of f.issues) {
        expect(i.file).toBe('fuzz.rules');
        expect(i.line).toBeGreaterThan(0);
        expect(i.message.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('rule-shaped random text never crashes the loader', () => {
  const token = fc.constantFrom(
    'alert',
    'tcp',
    'http',
    'any',
    '$HOME_NET',
    '[1.2.3.4,!5.6.7.8]',
    '->',
    '<>',
    '80',
    '1024:',
    '(',
    ')',
    ';',
    ':',
    '"',
    '\\',
    '|41 42|',
    '!',
    ',',
    ' ',
    'content',
    'pcre',
    '"/a(?>b)*+\\Z/Ri"',
    'byte_test',
    '2,>,1,0,relative',
    'flowbits',
    'set,a&b',
    'sid',
    '1',
    'msg',
    'http.uri',
    'nocase',
    'depth',
    'within',
    'flags',
    'S+',
    'ttl',
    '<>5',
    'threshold',
    'type limit',
    'byte_extract',
    '2,0,v',
    'isdataat',
    '!v,relative',
    '\n',
    '#',
  );
  it('loads or reports every logical line', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), fc.string({ maxLength: 40 }), (tokens, noise) => {
        const text = tokens.join('') + noise;
        const r = loadRuleText(text, 'gen.rules');
        expect(r.rules.length + r.failures.length).toBe(r.total);
        for (const f of r.failures) {
          expect(f.reason).not.toBe('internal error');
          expect(f.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
