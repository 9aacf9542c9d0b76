import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuleFiles, loadRules, loadRuleText } from '../../../src/rules/loader.js';

describe('loader', () => {
  it('loads good rules and reports each bad one with file:line, sid and reason', () => {
    const text = [
      'alert tcp any any -> any any (msg:"one"; content:"a"; sid:1; rev:1;)',
      '# alert tcp any any -> any any (msg:"off"; sid:2;)',
      'alert tcp any any -> any any (msg:"dup"; sid:1;)',
      'alert tcp any any -> any any (msg:"gid 2"; gid:2; sid:1;)',
      'alert tcp any any -> any any (msg:"bad"; contnet:"x"; sid:3;)',
      'alert tcp any any -> any any (msg:"cont"; \\',
      '  content:"b"; sid:4;)',
      'garbage',
    ].join('\n');
    const r = loadRuleText(text, 'local.rules');
    expect(r.total).toBe(6);
    expect(r.rules.map((x) => [x.gid, x.sid, x.line])).toEqual([
      [1, 1, 1],
      [2, 1, 4],
      [1, 4, 6],
    ]);
    expect(r.failures.map((f) => [f.line, f.sid, f.reason])).toEqual([
      [3, 1, 'duplicate sid'],
      [5, 3, 'unknown keyword: contnet'],
      [8, undefined, 'syntax: no options'],
    ]);
    expect(r.failures[0]?.issues[0]?.message).toBe('duplicate sid 1 (gid 1): first defined at local.rules:1');
    expect(r.failures[0]?.issues[0]?.code).toBe('ERR_RULE_DUPLICATE_SID');
  });
  it('reads directories recursively in name order and reports unreadable paths', () => {
    const d = mkdtempSync(join(tmpdir(), 'netsift-rules-'));
    mkdirSync(join(d, 'sub'));
    writeFileSync(join(d, 'b.rules'), 'alert tcp any any -> any any (sid:2;)\n');
    writeFileSync(join(d, 'a.rules'), 'alert tcp any any -> any any (sid:1;)\n');
    writeFileSync(join(d, 'sub', 'c.rules'), 'alert udp any any -> any any (sid:3;)\n');
    writeFileSync(join(d, 'notes.txt'), 'not rules');
    expect(listRuleFiles(d).map((f) => f.slice(d.length + 1))).toEqual([
      'a.rules',
      'b.rules',
      join('sub', 'c.rules'),
    ]);
    const r = loadRules([d, join(d, 'missing.rules')]);
    expect(r.rules.map((x) => x.sid)).toEqual([1, 2, 3]);
    expect(r.ioErrors).toHaveLength(1);
    expect(r.ioErrors[0]?.code).toBe('ERR_RULE_IO');
    expect(r.ioErrors[0]?.file).toContain('missing.rules');
  });
});
