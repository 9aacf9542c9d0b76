/**
 * Decoded packets as JavaScript objects: the slow path behind `decode`, `summary`, `sniff` and
 * `readPackets`. A `DecodedPacket` is built from one packed packet record and a copy of the
 * packet bytes, so it stays valid after the engine moves on. Field extraction (fields.ts) and
 * summaries (summary.ts) read the layer stack the WASM decoders produced; no decoding happens
 * in JavaScript.
 */
import * as L from '../wasm/layout.js';
import { anomalyName } from '../wasm/anomalies.js';
import { PROTOCOLS } from '../wasm/protocols.js';
import type { PacketRecords } from '../capture/file-runner.js';
import { packetSummary } from './summary.js';

export interface Layer {
  /** Protocol id (src/wasm/protocols.ts). */
  readonly proto: number;
  /** Protocol name (`ipv4`, `tcp`, ...). */
  readonly name: string;
  /** LAYER_QUOTED / LAYER_TRUNCATED / LAYER_TUNNELED bits. */
  readonly flags: number;
  /** Offset of the layer's header in the packet bytes. */
  readonly offset: number;
  /** Header length in bytes (0 for `data`). */
  readonly headerLength: number;
  /** Length the layer declares for itself including its header (IP total length, UDP length, ...). */
  readonly declaredLength: number;
}

export class DecodedPacket {
  constructor(
    /** 1-based number across the run (tshark's frame.number). */
    readonly number: number,
    /** Nanoseconds since the epoch. */
    readonly tsNs: bigint,
    readonly captureLength: number,
    readonly originalLength: number,
    readonly linkType: number,
    readonly interfaceId: number,
    readonly layers: readonly Layer[],
    /** Name of the anomaly that stopped decoding, or undefined when it decoded cleanly. */
    readonly anomaly: string | undefined,
    /** The captured bytes (a copy). */
    readonly bytes: Uint8Array,
    /** The file ended inside this record. */
    readonly truncatedRecord: boolean,
  ) {}

  /** First layer of a protocol, skipping layers quoted inside ICMP errors unless asked. */
  layer(proto: number, includeQuoted = false): Layer | undefined {
    for (const l of this.layers) {
      if (l.proto === proto && (includeQuoted || (l.flags & L.LAYER_QUOTED) === 0)) return l;
    }
    return undefined;
  }

  /** Last (innermost) layer of a protocol outside ICMP quotes. */
  innermost(proto: number): Layer | undefined {
    let found: Layer | undefined;
    for (const l of this.layers) if (l.proto === proto && (l.flags & L.LAYER_QUOTED) === 0) found = l;
    return found;
  }

  /** One line in the style of Scapy's `summary()`: `Ether / IP / TCP 10.0.0.1:51234 > 10.0.0.2:http S`. */
  summary(): string {
    return packetSummary(this);
  }

  get timestamp(): Date {
    return new Date(Number(this.tsNs / 1_000_000n));
  }

  u8(off: number): number {
    return this.bytes[off] ?? 0;
  }
  u16(off: number): number {
    return ((this.bytes[off] ?? 0) << 8) | (this.bytes[off + 1] ?? 0);
  }
  u32(off: number): number {
    return (
      (((this.bytes[off] ?? 0) << 24) >>> 0) +
      (((this.bytes[off + 1] ?? 0) << 16) | ((this.bytes[off + 2] ?? 0) << 8) | (this.bytes[off + 3] ?? 0))
    );
  }
  /** True when `len` bytes at `off` were captured. */
  has(off: number, len: number): boolean {
    return off + len <= this.bytes.length;
  }
}

/** Build DecodedPacket objects from one processChunk call's packet records. */
export function readPacketRecords(recs: PacketRecords): DecodedPacket[] {
  const { mem, ptr, count, chunkPtr } = recs;
  const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  const out: DecodedPacket[] = [];
  for (let i = 0; i < count; i++) {
    const r = ptr + i * L.PACKET_RECORD_SIZE;
    out.push(readOneRecord(mem, dv, r, chunkPtr));
  }
  return out;
}

export function readOneRecord(mem: Uint8Array, dv: DataView, r: number, chunkPtr: number): DecodedPacket {
  const number = Number(dv.getBigUint64(r + L.PACKET_NUMBER_OFF, true));
  const tsNs = dv.getBigUint64(r + L.PACKET_TS_NS_OFF, true);
  const dataOff = dv.getUint32(r + L.PACKET_DATA_OFF, true);
  const capLen = dv.getUint32(r + L.PACKET_CAPLEN_OFF, true);
  const origLen = dv.getUint32(r + L.PACKET_ORIGLEN_OFF, true);
  const linkType = dv.getUint16(r + L.PACKET_LINKTYPE_OFF, true);
  const layerCount = dv.getUint8(r + L.PACKET_LAYER_COUNT_OFF);
  const iface = dv.getUint8(r + L.PACKET_IFACE_OFF);
  const anomaly = dv.getUint16(r + L.PACKET_ANOMALY_OFF, true);
  const flags = dv.getUint16(r + L.PACKET_FLAGS_OFF, true);
  const layers: Layer[] = [];
  for (let j = 0; j < layerCount; j++) {
    const l = r + L.PACKET_LAYERS_OFF + j * L.LAYER_SIZE;
    const proto = dv.getUint8(l + L.LAYER_PROTO_OFF);
    layers.push({
      proto,
      name: PROTOCOLS[proto]?.name ?? `proto_${proto}`,
      flags: dv.getUint8(l + L.LAYER_FLAGS_OFF),
      headerLength: dv.getUint16(l + L.LAYER_HDRLEN_OFF, true),
      offset: dv.getUint32(l + L.LAYER_OFF_OFF, true),
      declaredLength: dv.getUint32(l + L.LAYER_DECLLEN_OFF, true),
    });
  }
  const start = chunkPtr + dataOff;
  const bytes = mem.slice(start, start + capLen);
  return new DecodedPacket(
    number,
    tsNs,
    capLen,
    origLen,
    linkType,
    iface,
    layers,
    anomaly ? anomalyName(anomaly) : undefined,
    bytes,
    (flags & L.PACKET_FLAG_TRUNCATED_RECORD) !== 0,
  );
}
