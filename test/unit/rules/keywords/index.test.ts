/** Tests of keyword registry: typed specs from good values, located messages for bad ones. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYWORD_ALIASES, KEYWORDS } from '../../../../src/rules/keywords/index.js';
import { opts, parse } from '../helpers.js';

describe('registry', () => {
  const readme = readFileSync(new URL('../../../../src/rules/README.md', import.meta.url), 'utf8');
  it('aliases point at registered keywords', () => {
    for (const [alias, name] of Object.entries(KEYWORD_ALIASES))
      expect(KEYWORDS.get(alias)).toBe(KEYWORDS.get(name));
    expect(opts('tcp.flags:S;').conditions[0]).toMatchObject({ kind: 'flags', flags: 2 });
  });
  for (const [name, k] of [...KEYWORDS].filter(([n]) => !(n in KEYWORD_ALIASES))) {
    it(`${name}: meta, README row, example parses`, () => {
      expect(k.meta.name).toBe(name);
      expect(k.meta.summary.length).toBeGreaterThan(5);
      expect(k.meta.syntax).toContain(name);
      expect(readme).toContain(`| ${name} | keywords/${name}.ts |`);
      const r = parse(
        `alert tcp any any -> any any (${k.meta.example.includes('sid:') ? '' : 'sid:1; '}${k.meta.example})`,
      );
      const realErrors = r.failure?.issues.filter((i) => !i.message.startsWith('app-layer')) ?? [];
      expect(realErrors).toEqual([]);
    });
  }
});
