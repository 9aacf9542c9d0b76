/**
 * Anomaly events (the engine's anomalies$): which packet raised which anomaly, read from the
 * packed records of assembly/emit/anomalies.ts. The `type` groups anomalies as Suricata's
 * `anomaly` EVE events do (decode, stream, applayer), plus `capture` for the file's framing.
 */
import { anomalyName } from '../wasm/anomalies.js';
import * as L from '../wasm/layout.js';

export type AnomalyType = 'capture' | 'decode' | 'stream' | 'applayer';

export interface AnomalyEvent {
  /** 1-based packet number (tshark's frame.number); 0 when raised by no packet (framing, end of input). */
  readonly packet: number;
  /** The packet's timestamp (ns since the epoch); 0n when raised by no packet. */
  readonly tsNs: bigint;
  /** Stable anomaly name (`ipv4.bad_checksum`, `tcp.reassembly_gap`, ...), as in stats. */
  readonly name: string;
  readonly type: AnomalyType;
}

const APPLAYER = /^(http|dns|tls|app)\./;
const STREAM = /^(tcp\.reassembly_|defrag\.)/;
const CAPTURE = /^(frame|pcapng)\./;

export function anomalyType(name: string): AnomalyType {
  if (CAPTURE.test(name)) return 'capture';
  if (APPLAYER.test(name)) return 'applayer';
  if (STREAM.test(name)) return 'stream';
  return 'decode';
}

export function readAnomalyEvents(mem: Uint8Array, ptr: number, count: number): AnomalyEvent[] {
  const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  const out: AnomalyEvent[] = [];
  for (let i = 0; i < count; i++) {
    const r = ptr + i * L.ANOMALY_EVENT_SIZE;
    const name = anomalyName(dv.getUint16(r + L.ANOMALY_EVENT_ID_OFF, true));
    out.push({
      packet: Number(dv.getBigUint64(r + L.ANOMALY_EVENT_PKT_OFF, true)),
      tsNs: dv.getBigUint64(r + L.ANOMALY_EVENT_TS_OFF, true),
      name,
      type: anomalyType(name),
    });
  }
  return out;
}

/** Packet order (ties: the order they were raised in, which `sort` keeps). */
export function compareAnomalyEvents(a: AnomalyEvent, b: AnomalyEvent): number {
  return a.packet - b.packet;
}
