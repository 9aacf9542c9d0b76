/**
 * Ground-truth labels for flows (the generator's labels.csv, or a user's): one row per labelled
 * conversation, joined to flows by 5-tuple and time window.
 *
 *   label,src_ip,src_port,dest_ip,dest_port,proto,start_s,end_s
 *
 * An empty port (or address) matches any; proto is a number (6, 17, 1) or empty. A flow takes
 * the label of the first row whose endpoints match it in either direction and whose window
 * [start_s, end_s] (seconds since the epoch, fractional) overlaps the flow's [start, end];
 * unmatched flows are "benign".
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import type { FlowRecord } from '../flows/record.js';

export interface LabelRow {
  label: string;
  srcIp: string;
  srcPort: number | undefined;
  destIp: string;
  destPort: number | undefined;
  proto: number | undefined;
  startS: number;
  endS: number;
}

export const LABELS_HEADER = 'label,src_ip,src_port,dest_ip,dest_port,proto,start_s,end_s';
export const BENIGN = 'benign';

export function formatLabelRow(r: LabelRow): string {
  return [
    r.label,
    r.srcIp,
    r.srcPort ?? '',
    r.destIp,
    r.destPort ?? '',
    r.proto ?? '',
    r.startS.toFixed(6),
    r.endS.toFixed(6),
  ].join(',');
}

function optNum(v: string | undefined): number | undefined {
  return v === undefined || v === '' ? undefined : Number(v);
}

export function parseLabels(text: string, file = 'labels.csv'): LabelRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split(',');
  const idx = (n: string): number => {
    const i = header.indexOf(n);
    if (i < 0) throw new ConfigError(`${file}: missing column "${n}" (header ${LABELS_HEADER})`);
    return i;
  };
  const cols = ['label', 'src_ip', 'src_port', 'dest_ip', 'dest_port', 'proto', 'start_s', 'end_s'].map(idx);
  return lines.map((l, n) => {
    const f = l.split(',');
    const g = (k: number): string | undefined => f[cols[k] ?? 0];
    const row: LabelRow = {
      label: g(0) ?? '',
      srcIp: g(1) ?? '',
      srcPort: optNum(g(2)),
      destIp: g(3) ?? '',
      destPort: optNum(g(4)),
      proto: optNum(g(5)),
      startS: Number(g(6)),
      endS: Number(g(7)),
    };
    if (!row.label || Number.isNaN(row.startS) || Number.isNaN(row.endS)) {
      throw new ConfigError(`${file}:${n + 2}: bad label row "${l}"`);
    }
    return row;
  });
}

export function readLabels(path: string): LabelRow[] {
  return parseLabels(readFileSync(path, 'utf8'), path);
}

function endMatch(ip: string, port: number | undefined, fIp: string, fPort: number): boolean {
  return (ip === '' || ip === fIp) && (port === undefined || port === fPort);
}

/** Label lookup by address pair, then a scan of the few candidate rows. */
export class LabelIndex {
  private byPair = new Map<string, LabelRow[]>();
  constructor(rows: readonly LabelRow[]) {
    for (const r of rows) {
      const k = r.srcIp < r.destIp ? `${r.srcIp}|${r.destIp}` : `${r.destIp}|${r.srcIp}`;
      const l = this.byPair.get(k);
      if (l) l.push(r);
      else this.byPair.set(k, [r]);
    }
  }

  labelOf(f: FlowRecord): string {
    const k = f.srcIp < f.destIp ? `${f.srcIp}|${f.destIp}` : `${f.destIp}|${f.srcIp}`;
    const start = Number(f.startNs) / 1e9;
    const end = Number(f.endNs) / 1e9;
    for (const r of this.byPair.get(k) ?? []) {
      if (r.proto !== undefined && r.proto !== f.proto) continue;
      if (end < r.startS || start > r.endS) continue;
      const fwd =
        endMatch(r.srcIp, r.srcPort, f.srcIp, f.srcPort) &&
        endMatch(r.destIp, r.destPort, f.destIp, f.destPort);
      const rev =
        endMatch(r.srcIp, r.srcPort, f.destIp, f.destPort) &&
        endMatch(r.destIp, r.destPort, f.srcIp, f.srcPort);
      if (fwd || rev) return r.label;
    }
    return BENIGN;
  }
}
