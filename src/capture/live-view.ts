/**
 * What a live run shows while it runs: on a terminal, a screen refreshed every second (packets/s,
 * Mbit/s, drops, alerts/s, top talkers, top signatures); elsewhere, one EVE `stats` event per
 * interval with the capture counters and drops added to Suricata's `capture` section.
 *
 * Top talkers are counted on the main thread from the captured bytes (outermost IPv4/IPv6 source
 * address, bytes sent): a few loads per packet, no decoding.
 */
import { emptyStats } from '../stats/engine-stats.js';
import { eveStatsEvent } from '../outputs/eve-stats.js';
import type { EngineStats } from '../stats/engine-stats.js';

/** Counters of a live run at one moment. */
export interface LiveSnapshot {
  /** Milliseconds since the capture started. */
  elapsedMs: number;
  captured: number;
  capturedBytes: number;
  engineDropPackets: number;
  kernelDrops: number | undefined;
  alerts: number;
  flows: number;
  stats: EngineStats | undefined;
}

/** Bytes sent per source address, from the raw outermost headers. */
export class TalkerCounter {
  private readonly v4 = new Map<number, number>();
  private readonly v6 = new Map<string, number>();

  constructor(private readonly linkType: number) {}

  /** Network-layer offset for the link type, skipping 802.1Q/802.1ad tags; -1 when unknown. */
  private netOff(d: Uint8Array, len: number): { off: number; ether: number } {
    switch (this.linkType) {
      case 1: {
        let off = 12;
        let et = len >= 14 ? (d[12]! << 8) | d[13]! : 0;
        while ((et === 0x8100 || et === 0x88a8) && off + 6 <= len) {
          off += 4;
          et = (d[off]! << 8) | d[off + 1]!;
        }
        return { off: off + 2, ether: et };
      }
      case 113:
        return { off: 16, ether: len >= 16 ? (d[14]! << 8) | d[15]! : 0 };
      case 0:
      case 101: {
        const off = this.linkType === 0 ? 4 : 0;
        const v = len > off ? d[off]! >> 4 : 0;
        return { off, ether: v === 4 ? 0x800 : v === 6 ? 0x86dd : 0 };
      }
      default:
        return { off: -1, ether: 0 };
    }
  }

  add(d: Uint8Array, len: number): void {
    const { off, ether } = this.netOff(d, len);
    if (off < 0) return;
    if (ether === 0x800 && off + 16 <= len) {
      const a = ((d[off + 12]! << 24) | (d[off + 13]! << 16) | (d[off + 14]! << 8) | d[off + 15]!) >>> 0;
      this.v4.set(a, (this.v4.get(a) ?? 0) + len);
    } else if (ether === 0x86dd && off + 24 <= len) {
      const k = Buffer.from(d.buffer, d.byteOffset + off + 8, 16).toString('hex');
      this.v6.set(k, (this.v6.get(k) ?? 0) + len);
    }
  }

  top(n: number): { addr: string; bytes: number }[] {
    const all: { addr: string; bytes: number }[] = [];
    for (const [a, b] of this.v4)
      all.push({ addr: `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`, bytes: b });
    for (const [k, b] of this.v6)
      all.push({
        addr: k
          .match(/.{4}/g)!
          .map((g) => g.replace(/^0{1,3}/, ''))
          .join(':'),
        bytes: b,
      });
    return all.sort((x, y) => y.bytes - x.bytes || (x.addr < y.addr ? -1 : 1)).slice(0, n);
  }
}

/** Alerts per signature. */
export class SignatureCounter {
  private readonly counts = new Map<string, number>();
  add(sid: number, msg: string): void {
    const k = `${sid} ${msg}`;
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  top(n: number): { signature: string; count: number }[] {
    return [...this.counts]
      .map(([signature, count]) => ({ signature, count }))
      .sort((a, b) => b.count - a.count || (a.signature < b.signature ? -1 : 1))
      .slice(0, n);
  }
}

const fmt = (v: number): string => v.toLocaleString('en-US');

/** The terminal screen: `prev` is the snapshot one refresh earlier (rates are over that interval). */
export function renderLiveView(
  iface: string,
  now: LiveSnapshot,
  prev: LiveSnapshot,
  talkers: { addr: string; bytes: number }[],
  signatures: { signature: string; count: number }[],
): string[] {
  const dt = Math.max(1, now.elapsedMs - prev.elapsedMs) / 1000;
  const pps = (now.captured - prev.captured) / dt;
  const mbps = ((now.capturedBytes - prev.capturedBytes) * 8) / dt / 1e6;
  const aps = (now.alerts - prev.alerts) / dt;
  const secs = Math.floor(now.elapsedMs / 1000);
  const lines = [
    `netsift live on ${iface} — ${Math.floor(secs / 60)}m${String(secs % 60).padStart(2, '0')}s (Ctrl-C to stop)`,
    '',
    `packets/s ${fmt(Math.round(pps)).padStart(12)}   Mbit/s ${mbps.toFixed(2).padStart(10)}   alerts/s ${aps.toFixed(1).padStart(8)}`,
    `captured  ${fmt(now.captured).padStart(12)}   processed ${fmt(now.stats?.packets ?? 0).padStart(10)}   flows ${fmt(now.flows).padStart(10)}   alerts ${fmt(now.alerts)}`,
    `drops     engine ${fmt(now.engineDropPackets)}   kernel ${now.kernelDrops === undefined ? 'n/a' : fmt(now.kernelDrops)}`,
    '',
    'top talkers (bytes sent)',
    ...(talkers.length ? talkers.map((t) => `  ${t.addr.padEnd(40)} ${fmt(t.bytes).padStart(14)}`) : ['  -']),
    '',
    'top signatures',
    ...(signatures.length ? signatures.map((s) => `  ${fmt(s.count).padStart(8)}  ${s.signature}`) : ['  -']),
  ];
  return lines;
}

/** A periodic EVE stats event: the engine's counters plus the capture counters and drops. */
export function liveStatsEvent(s: LiveSnapshot, tsNs: bigint): Record<string, unknown> {
  const ev = eveStatsEvent(s.stats ?? emptyStats(), { uptimeS: s.elapsedMs / 1000, tsNs });
  const stats = ev.stats as Record<string, Record<string, unknown>>;
  stats.capture = {
    ...stats.capture,
    kernel_packets: s.captured,
    kernel_drops: s.kernelDrops ?? null,
    engine_drops: s.engineDropPackets,
  };
  stats.detect = { alert: s.alerts };
  stats.flow = { total: s.flows };
  return ev;
}
