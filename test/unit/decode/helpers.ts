/**
 * Helpers for the decoder unit tests: packets are written as hex (with the tcpdump line that
 * describes them beside each one) and decoded with the library's decodePacket on a private
 * engine instance, so anomaly counters can be read per packet.
 */
import { decodePacket } from '../../../src/packets/decode-one.js';
import type { DecodedPacket } from '../../../src/packets/packet.js';
import { ANOMALY_NAMES } from '../../../src/wasm/anomalies.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import * as L from '../../../src/wasm/layout.js';

export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_PPP = 9;

/** Bytes from a hex string; whitespace is ignored. */
export function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new Error(`bad hex: ${s}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (b) => parseInt(b, 16));
}

export interface Decoded {
  readonly packet: DecodedPacket;
  /** Layer names outer to inner (`ethernet`, `ipv4`, ...). */
  readonly layers: string[];
  /** Every anomaly this packet raised (stopping or counted), by name. */
  readonly anomalies: string[];
}

/** Decode one packet on a fresh engine and collect the anomalies it raised. */
export function decode(bytes: Uint8Array | string, linkType = LINKTYPE_ETHERNET): Decoded {
  const inst = new EngineInstance();
  const packet = decodePacket(typeof bytes === 'string' ? hex(bytes) : bytes, linkType, inst);
  const anomalies: string[] = [];
  for (let id = 1; id < ANOMALY_NAMES.length; id++) {
    const n = Number(inst.counter(L.ANOMALY_COUNTERS_BASE + id));
    for (let i = 0; i < n; i++) anomalies.push(ANOMALY_NAMES[id]!);
  }
  return { packet, layers: packet.layers.map((l) => l.name), anomalies };
}

/**
 * Decode every proper prefix of a packet (each cut-short variant) on the shared engine; returns
 * how many prefixes stopped with an anomaly. Throws if the engine throws.
 */
export function decodeAllTruncations(bytes: Uint8Array | string, linkType = LINKTYPE_ETHERNET): number {
  const b = typeof bytes === 'string' ? hex(bytes) : bytes;
  let stopped = 0;
  for (let n = 0; n < b.length; n++) if (decodePacket(b.subarray(0, n), linkType).anomaly) stopped++;
  return stopped;
}
