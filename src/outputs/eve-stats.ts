/**
 * EVE `stats` event in Suricata's shape: `stats.decoder.{pkts,bytes,invalid,ipv4,tcp,...}` and
 * `stats.decoder.event.<proto>.<what>` for anomalies (Suricata: decoder.event.ipv4.trunc_pkt), and
 * `stats.app_layer.flow.<proto>` / `stats.app_layer.tx.<proto>` (non-zero counters only).
 */
import type { EngineStats } from '../stats/engine-stats.js';
import { eveTimestamp } from './eve-time.js';

/** Suricata's counter names for netsift's protocol names, where they differ. */
const SURICATA_PROTO_NAMES: Record<string, string> = {
  ethernet: 'ethernet',
  qinq: 'ieee8021ah',
  icmp: 'icmpv4',
  pppoe_session: 'pppoe',
  ipv6_fragment: 'ipv6_frag',
};

export function eveStatsEvent(
  s: EngineStats,
  opts: { uptimeS?: number; tsNs?: bigint } = {},
): Record<string, unknown> {
  const decoder: Record<string, unknown> = {
    pkts: s.packets,
    bytes: s.bytes,
    invalid: s.invalid,
  };
  for (const [name, v] of Object.entries(s.protocols)) decoder[SURICATA_PROTO_NAMES[name] ?? name] = v;
  const event: Record<string, Record<string, number>> = {};
  for (const [name, v] of Object.entries(s.anomalies)) {
    const dot = name.indexOf('.');
    const proto = dot < 0 ? 'engine' : name.slice(0, dot);
    const what = dot < 0 ? name : name.slice(dot + 1);
    (event[proto] ??= {})[what] = v;
  }
  decoder.event = event;
  return {
    timestamp: eveTimestamp(opts.tsNs ?? BigInt(Date.now()) * 1_000_000n),
    event_type: 'stats',
    stats: {
      uptime: Math.round(opts.uptimeS ?? 0),
      capture: {
        packets: s.packets,
        decoded: s.decoded,
        invalid: s.invalid,
        blocks_skipped: s.blocksSkipped,
      },
      decoder,
      app_layer: { flow: s.appLayer.flow, tx: s.appLayer.tx },
    },
  };
}
