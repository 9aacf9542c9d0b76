/** The CLI commands end to end, in-process: output shape, exit codes, error messages. */
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { pcapFile, udpFrame } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';

const capture = tempFile(
  pcapFile(
    Array.from({ length: 5 }, (_, i) => ({
      tsNs: 1_600_000_000_000_000_000n + BigInt(i),
      data: udpFrame(i),
    })),
  ),
);

describe('netsift CLI', () => {
  it('demo runs on the bundled capture', async () => {
    const r = await runCli(['demo', '-c', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('packets:      1,500 (decoded 1,500, invalid 0)');
    expect(r.stdout).toMatch(/ {5}1 {2}Ether \/ IP \/ UDP /);
    expect(r.stdout).toMatch(/\d+ flows; the 5 largest/);
  }, 30_000);

  it('decode prints tshark-style fields with a header', async () => {
    const r = await runCli([
      'decode',
      capture,
      '-T',
      'fields',
      '-E',
      'header=y',
      '-e',
      'frame.number',
      '-e',
      'ip.src',
      '-e',
      'udp.dstport',
      '-e',
      'frame.protocols',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'frame.number\tip.src\tudp.dstport\tframe.protocols',
      '1\t10.0.0.1\t53\teth:ethertype:ip:udp:data',
      '2\t10.0.0.1\t53\teth:ethertype:ip:udp:data',
    ]);
  });

  it('decode -T json gives one object per packet', async () => {
    const r = await runCli(['decode', capture, '-T', 'json', '-c', '2']);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { number: number; fields: Record<string, string> });
    expect(lines.map((l) => l.number)).toEqual([1, 2]);
    expect(lines[0]!.fields['udp.srcport']).toBe('1000');
  });

  it('an unknown field is a usage error naming it', async () => {
    const r = await runCli(['decode', capture, '-e', 'ip.sorce']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown field "ip.sorce"');
  });

  it('summary prints Scapy-style lines', async () => {
    const r = await runCli(['summary', capture, '-c', '1']);
    expect(r.stdout).toBe('Ether / IP / UDP 10.0.0.1:1000 > 10.0.0.2:domain / Raw\n');
  });

  it('stats --json prints an EVE stats event', async () => {
    const r = await runCli(['stats', capture, '--json']);
    const ev = JSON.parse(r.stdout) as { event_type: string; stats: { decoder: Record<string, unknown> } };
    expect(ev.event_type).toBe('stats');
    expect(ev.stats.decoder).toMatchObject({ pkts: 5, ipv4: 5, udp: 5, invalid: 0 });
  });

  it('bad input exits 3 with one line naming the file and offset, no stack trace', async () => {
    const bad = tempFile(Buffer.from('hello, world'), 'notes.txt');
    const r = await runCli(['stats', bad]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`netsift: ${bad}: at byte 0: not a capture file (no pcap, pcapng or gzip magic)\n`);
  });

  it('read writes LOGDIR/eve.json with flow and stats events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsift-read-'));
    const r = await runCli(['read', capture, '-l', dir, '--workers', '2', '--no-progress']);
    expect(r.code).toBe(0);
    const events = readFileSync(join(dir, 'eve.json'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event_type: string });
    expect(events.filter((e) => e.event_type === 'flow').length).toBe(5);
    expect(events.at(-1)!.event_type).toBe('stats');
  }, 30_000);
});
