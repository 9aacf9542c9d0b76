/**
 * fast.log: one line per alert as Suricata writes it (alert-fastlog.c), times in UTC:
 *   MM/DD/YYYY-HH:MM:SS.uuuuuu  [**] [gid:sid:rev] msg [**] [Classification: ...] [Priority: N]
 *   {PROTO} src:port -> dst:port
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Alert } from '../alerts/record.js';
import type { Engine } from '../engine.js';
import { alertCategory, alertSeverity, type AlertOutputOptions } from './eve-alert.js';
import type { AttachedOutput } from './eve-json.js';
import { protoName } from './eve-flow.js';

export const meta = {
  name: 'fast',
  summary: 'Suricata fast.log: one line per alert (LOGDIR/fast.log)',
  file: 'fast.log',
};

export function fastTimestamp(tsNs: bigint): string {
  const us = tsNs / 1000n;
  const d = new Date(Number(us / 1000n));
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return (
    `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}-` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.` +
    String(us % 1_000_000n).padStart(6, '0')
  );
}

export function fastLine(a: Alert, opts: AlertOutputOptions = {}): string {
  const r = a.rule;
  const cls = alertCategory(r, opts.classifications) ?? '(null)';
  const proto = protoName(a.proto);
  const ends = `${a.srcIp}:${a.srcPort} -> ${a.destIp}:${a.destPort}`;
  return (
    `${fastTimestamp(a.tsNs)}  [**] [${r.gid}:${r.sid}:${r.rev}] ${r.msg} [**] ` +
    `[Classification: ${cls}] [Priority: ${alertSeverity(r, opts.classifications)}] {${proto}} ${ends}`
  );
}

export interface FastOptions extends AlertOutputOptions {
  path: string;
}

export function create(opts: FastOptions): (engine: Engine) => AttachedOutput {
  return (engine) => {
    const stream = createWriteStream(opts.path);
    let buf: string[] = [];
    const flush = (): void => {
      if (buf.length) stream.write(buf.join('\n') + '\n');
      buf = [];
    };
    const sub = engine.alerts$.subscribe((a) => {
      buf.push(fastLine(a, opts));
      if (buf.length >= 256) flush();
    });
    return {
      async close() {
        sub.unsubscribe();
        flush();
        stream.end();
        await once(stream, 'close');
      },
    };
  };
}
