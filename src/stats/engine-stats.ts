/**
 * Engine statistics read from the WASM counters: packets and bytes, packets per decoded layer,
 * anomalies by name. The accounting invariant holds by construction in the engine and is
 * checked here: decoded + invalid + filtered == packets.
 */
import { EngineBugError } from '../errors.js';
import * as L from '../wasm/layout.js';
import { ANOMALY_NAMES } from '../wasm/anomalies.js';
import { PROTOCOLS } from '../wasm/protocols.js';

export interface EngineStats {
  /** Every record read from the input. */
  packets: number;
  /** Captured bytes. */
  bytes: number;
  /** Original (on-the-wire) bytes. */
  wireBytes: number;
  /** Packets decoded with no stopping anomaly. */
  decoded: number;
  /** Packets whose decoding stopped at a named anomaly. */
  invalid: number;
  /** Packets a --bpf filter rejected (read and counted, not decoded). */
  filtered: number;
  /** Earliest and latest packet timestamps, ns since the epoch (0n if none). */
  firstTsNs: bigint;
  lastTsNs: bigint;
  /** pcapng blocks that carry no packet and were skipped (statistics, name resolution, ...). */
  blocksSkipped: number;
  /** Decoded headers per protocol name (a tunnel's inner and outer IPv4 both count). */
  protocols: Record<string, number>;
  /** Anomaly events by name (`ipv4.trunc_hdr`: n). */
  anomalies: Record<string, number>;
  /** anomalies$ events dropped (more at once than the event region holds); the counts above are exact. */
  anomalyEventsDropped: number;
  /**
   * App layer, Suricata's app_layer counters: flows by detected protocol (`failed_tcp` /
   * `failed_udp`: detection found none) and transactions logged (HTTP, DNS messages); non-zero only.
   */
  appLayer: { flow: Record<string, number>; tx: Record<string, number> };
}

function nonZero(c: BigUint64Array, ids: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, i] of Object.entries(ids)) {
    const v = Number(c[i] ?? 0n);
    if (v > 0) out[name] = v;
  }
  return out;
}

function addInto(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

export function statsFromCounters(c: BigUint64Array): EngineStats {
  const n = (i: number): number => Number(c[i] ?? 0n);
  const protocols: Record<string, number> = {};
  for (const p of PROTOCOLS) {
    const v = n(L.PROTO_COUNTERS_BASE + p.id);
    if (v > 0 && p.id !== 0) protocols[p.name] = v;
  }
  const anomalies: Record<string, number> = {};
  ANOMALY_NAMES.forEach((name, id) => {
    const v = n(L.ANOMALY_COUNTERS_BASE + id);
    if (v > 0 && id !== 0) anomalies[name] = v;
  });
  const s: EngineStats = {
    packets: n(L.COUNTER_PACKETS),
    bytes: n(L.COUNTER_BYTES),
    wireBytes: n(L.COUNTER_ORIG_BYTES),
    decoded: n(L.COUNTER_DECODED),
    invalid: n(L.COUNTER_INVALID),
    filtered: n(L.COUNTER_FILTERED),
    firstTsNs: c[L.COUNTER_TS_FIRST_NS] ?? 0n,
    lastTsNs: c[L.COUNTER_TS_LAST_NS] ?? 0n,
    blocksSkipped: n(L.COUNTER_BLOCKS_SKIPPED),
    protocols,
    anomalies,
    anomalyEventsDropped: n(L.COUNTER_ANOMALY_EVENTS_DROPPED),
    appLayer: { flow: nonZero(c, L.APP_FLOW_COUNTERS), tx: nonZero(c, L.APP_TX_COUNTERS) },
  };
  if (s.decoded + s.invalid + s.filtered !== s.packets) {
    throw new EngineBugError(
      `packet accounting broken: ${s.decoded} decoded + ${s.invalid} invalid + ${s.filtered} filtered != ${s.packets} read`,
    );
  }
  return s;
}

/** Stats of an engine that has seen nothing yet. */
export function emptyStats(): EngineStats {
  return {
    packets: 0,
    bytes: 0,
    wireBytes: 0,
    decoded: 0,
    invalid: 0,
    filtered: 0,
    firstTsNs: 0n,
    lastTsNs: 0n,
    blocksSkipped: 0,
    protocols: {},
    anomalies: {},
    anomalyEventsDropped: 0,
    appLayer: { flow: {}, tx: {} },
  };
}

/** Sum the stats of several engine instances (one per worker). */
export function mergeStats(all: readonly EngineStats[]): EngineStats {
  const out = emptyStats();
  for (const s of all) {
    out.packets += s.packets;
    out.bytes += s.bytes;
    out.wireBytes += s.wireBytes;
    out.decoded += s.decoded;
    out.invalid += s.invalid;
    out.filtered += s.filtered;
    out.blocksSkipped += s.blocksSkipped;
    out.anomalyEventsDropped += s.anomalyEventsDropped;
    if (s.packets && (out.firstTsNs === 0n || s.firstTsNs < out.firstTsNs)) out.firstTsNs = s.firstTsNs;
    if (s.lastTsNs > out.lastTsNs) out.lastTsNs = s.lastTsNs;
    addInto(out.protocols, s.protocols);
    addInto(out.anomalies, s.anomalies);
    addInto(out.appLayer.flow, s.appLayer.flow);
    addInto(out.appLayer.tx, s.appLayer.tx);
  }
  return out;
}
