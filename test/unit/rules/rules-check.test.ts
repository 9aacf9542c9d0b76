import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerRulesCheck, runRulesCheck } from '../../../src/cli/commands/rules-check.js';

const d = mkdtempSync(join(tmpdir(), 'netsift-check-'));
const file = join(d, 'local.rules');
writeFileSync(
  file,
  [
    'alert tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"ok"; content:"abc"; sid:1;)',
    'alert http any any -> any any (msg:"sip"; sip.method; content:"/x"; sid:2;)',
    'alert tcp any any -> any any (msg:"typo"; contnet:"x"; sid:3;)',
    'alert tcp any any -> any any (msg:"tag"; tag:session,10,packets; sid:4;)',
    'alert tcp $MY_NET any -> any any (msg:"var"; sid:5;)',
  ].join('\n'),
);

function run(paths: string[], opts: Parameters<typeof runRulesCheck>[1]): { code: number; out: string } {
  let out = '';
  const code = runRulesCheck(paths, opts, (s) => (out += s));
  return { code, out };
}

describe('netsift rules check', () => {
  it('--json prints the documented keys', () => {
    const { code, out } = run([file], { json: true });
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j).toMatchObject({
      total: 5,
      loaded: 2,
      failed: 3,
      by_reason: {
        'app-layer buffer not supported yet: sip.method': 1,
        'unknown keyword: contnet': 1,
        'bad value: address': 1,
      },
      unsupported_keywords: { 'sip.method': 1 },
      // tag loads (the alert is raised) with a notice: tagged packets are not logged
      notices: { 'tag: the alert is raised, but tagged packets are not logged': 1 },
    });
  });
  it('text mode lists failed rules as file:line: sid N: keyword: reason', () => {
    const { out } = run([file], {});
    expect(out).toContain('5 rules in 1 files: 2 loaded (40.0%), 3 failed');
    expect(out).toContain('loaded, with a part not done (rules):');
    expect(out).toContain(`${file}:3: sid 3: contnet: unknown keyword "contnet" (did you mean "content"?)`);
    expect(out).toContain(`${file}:2: sid 2: sip.method: app-layer buffer not supported yet: sip.method`);
  });
  it('checks classification.config and threshold.config found beside the rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsift-check-dir-'));
    writeFileSync(join(dir, 'a.rules'), 'alert tcp any any -> any any (classtype:nope; sid:1;)\n');
    writeFileSync(
      join(dir, 'classification.config'),
      'config classification: misc-activity,Misc activity,3\n',
    );
    writeFileSync(join(dir, 'threshold.config'), 'suppress gen_id 1, sig_id 1\nthreshold gen_id 1\n');
    const j = JSON.parse(run([dir], { json: true }).out);
    expect(j.by_reason).toEqual({ 'bad value: classtype': 1 });
    expect(j.threshold_entries).toBe(1);
    expect(j.io_errors).toEqual([
      `${join(dir, 'threshold.config')}:2: threshold is missing sig_id, type, track, count, seconds`,
    ]);
  });
  it('a rule that parses but would not compile counts as failed, with its file and line', () => {
    const f = join(d, 'compile.rules');
    writeFileSync(
      f,
      'alert tcp any any -> any any (content:"ok"; sid:1;)\n' +
        'alert http any any -> any any (http.uri; content:"/x"; stream_size:client,>,10; sid:2;)\n',
    );
    const j = JSON.parse(run([f], { json: true }).out);
    expect(j).toMatchObject({ total: 2, loaded: 1, failed: 1 });
    expect(Object.keys(j.by_reason)).toEqual([expect.stringMatching(/^not compiled: stream_size/)]);
    expect(j.failures[0]).toMatchObject({ file: f, line: 2, sid: 2 });
  });
  it('--set defines variables', () => {
    const j = JSON.parse(run([file], { json: true, set: ['MY_NET=1.2.3.4'] }).out);
    expect(j.loaded).toBe(3);
  });
  it('exit 3 when nothing could be read or nothing loaded', () => {
    expect(run([join(d, 'nope.rules')], {}).code).toBe(3);
    const empty = join(d, 'bad.rules');
    writeFileSync(empty, 'alert tcp any any -> any any (contnet:"x"; sid:1;)\n');
    expect(run([empty], { json: true }).code).toBe(3);
  });
  it('registers under "rules check" with its options', async () => {
    const p = new Command('netsift').exitOverride();
    registerRulesCheck(p);
    const check = p.commands.find((c) => c.name() === 'rules')?.commands.find((c) => c.name() === 'check');
    expect(check?.options.map((o) => o.long)).toEqual([
      '--json',
      '--vars',
      '--set',
      '--classification',
      '--threshold',
      '--verbose',
    ]);
    const write = process.stdout.write;
    let out = '';
    process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
    try {
      await p.parseAsync(['node', 'netsift', 'rules', 'check', '--json', '--set', 'MY_NET=1.1.1.1', file]);
    } finally {
      process.stdout.write = write;
      process.exitCode = undefined;
    }
    expect(JSON.parse(out).loaded).toBe(3);
  });
});
