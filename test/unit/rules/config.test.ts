import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClassificationConfig, parseThresholdConfig } from '../../../src/rules/config.js';

describe('classification.config', () => {
  it('parses entries and reports bad lines with file:line', () => {
    const c = parseClassificationConfig(
      '# c\nconfig classification: not-suspicious,Not Suspicious Traffic,3\nconfig classification: bad-unknown,Potentially Bad Traffic, 2\nconfig classification: broken\n',
      'classification.config',
    );
    expect(c.classes.get('bad-unknown')).toEqual({
      name: 'bad-unknown',
      description: 'Potentially Bad Traffic',
      priority: 2,
    });
    expect(c.classes.size).toBe(2);
    expect(c.issues).toHaveLength(1);
    expect(c.issues[0]).toMatchObject({ file: 'classification.config', line: 4 });
  });
  it('reads the ET Open classification.config', () => {
    const f = new URL(
      '../../../../shared/rulesets/et-open-5.0-2024-04-21/classification.config',
      import.meta.url,
    );
    const c = parseClassificationConfig(readFileSync(f, 'utf8'), 'classification.config');
    expect(c.issues).toEqual([]);
    expect(c.classes.get('trojan-activity')?.priority).toBe(1);
    expect(c.classes.size).toBeGreaterThan(30);
  });
});

describe('threshold.config', () => {
  it('parses threshold, event_filter, suppress and rate_filter', () => {
    const t = parseThresholdConfig(
      [
        'threshold gen_id 1, sig_id 2001, type limit, track by_src, count 1, seconds 60',
        'event_filter gen_id 1, sig_id 2002, type both, track by_dst, count 2, seconds 10',
        'suppress gen_id 1, sig_id 2003',
        'suppress gen_id 1, sig_id 2004, track by_src, ip 10.0.0.0/8',
        'rate_filter gen_id 1, sig_id 2005, track by_rule, count 10, seconds 60, new_action drop, timeout 30',
        '# comment',
        'threshold gen_id 1, sig_id 2006, type limit',
        'supress gen_id 1, sig_id 1',
        'threshold gen_id 1, sig_id x, type limit, track by_src, count 1, seconds 60',
      ].join('\n'),
      'threshold.config',
    );
    expect(t.entries.map((e) => [e.kind, e.sid])).toEqual([
      ['threshold', 2001],
      ['event_filter', 2002],
      ['suppress', 2003],
      ['suppress', 2004],
      ['rate_filter', 2005],
    ]);
    expect(t.entries[0]).toMatchObject({ type: 'limit', track: 'by_src', count: 1, seconds: 60, gid: 1 });
    expect(t.entries[3]?.ip).toBe('10.0.0.0/8');
    expect(t.entries[4]).toMatchObject({ newAction: 'drop', timeout: 30 });
    expect(t.issues.map((i) => [i.line, i.message])).toEqual([
      [7, 'threshold is missing track, count, seconds'],
      [8, 'unknown entry "supress" (expected threshold, event_filter, suppress, rate_filter)'],
      [9, 'sig_id "x" is not a number'],
    ]);
  });
});
