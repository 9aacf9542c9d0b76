import { describe, expect, it } from 'vitest';
import { RuleProblem } from '../../../src/rules/issues.js';
import { splitLogicalLines, splitRule } from '../../../src/rules/lexer.js';

describe('splitLogicalLines', () => {
  it('joins continued lines, skips comments and commented-out rules, keeps first line numbers', () => {
    const src = [
      '# a comment',
      '',
      'alert tcp any any -> any any (msg:"a"; \\',
      '  sid:1;)',
      '#alert tcp any any -> any any (sid:2;)',
      '   # alert tcp any any -> any any (sid:3;)',
      'alert udp any any -> any any (sid:4;)\r',
    ].join('\n');
    const lines = splitLogicalLines(src);
    expect(lines.map((l) => l.line)).toEqual([3, 7]);
    expect(lines[0]?.text).toBe('alert tcp any any -> any any (msg:"a";   sid:1;)');
    expect(lines[1]?.text).toBe('alert udp any any -> any any (sid:4;)');
  });
});

describe('splitRule', () => {
  it('splits header (lists with spaces) and options with escaped semicolons', () => {
    const r = splitRule(
      'alert tcp [1.2.3.4, 5.6.7.8] any -> any 80 (msg:"a\\;b"; content:"x"; nocase; sid:1)',
    );
    expect(r.header).toEqual(['alert', 'tcp', '[1.2.3.4, 5.6.7.8]', 'any', '->', 'any', '80']);
    expect(r.options.map((o) => [o.name, o.value])).toEqual([
      ['msg', '"a\\;b"'],
      ['content', '"x"'],
      ['nocase', undefined],
      ['sid', '1'],
    ]);
    expect(r.options[1]?.col).toBe(r.optionsCol + 13);
  });
  it('reports missing parentheses and bad option names', () => {
    expect(() => splitRule('alert tcp any any -> any any')).toThrow(/missing "\("/);
    expect(() => splitRule('alert tcp any any -> any any (sid:1;')).toThrow(/must end with "\)"/);
    expect(() => splitRule('alert tcp any any -> any any (s id:1;)')).toThrow(RuleProblem);
  });
});
