/**
 * A worker's answer for one chunk: one ArrayBuffer, moved (not copied) back to the main thread,
 * holding packed records by kind. Records stay packed until an output needs them as objects.
 *
 *   header: magic u32 · section count u32
 *   section: kind u32 · record count u32 · record size u32 · byte length u32 · bytes (padded to 8)
 */

export const RESULT_MAGIC = 0x4e535231; // "NSR1"

export const SECTION_COUNTERS = 1;
export const SECTION_FLOWS = 2;
export const SECTION_ALERTS = 3;
/** ML feature records, paired by order with the same result's SECTION_FLOWS (src/ml/worker-ml.ts). */
export const SECTION_FEATURES = 8;
/** No bytes; `count` is the generation of the rules that produced the alerts (engine.reload). */
export const SECTION_RULES_GENERATION = 9;
/** App-layer events (src/app/records.ts blocks: records + their side bytes); recordSize 1. */
export const SECTION_APP = 4;
/** Anomaly event records (src/anomalies/events.ts). */
export const SECTION_ANOMALIES = 10;
/** Packet blocks of the opt-in packets$ slow path (src/packets/packed.ts); recordSize 1. */
export const SECTION_PACKETS = 11;

export interface Section {
  kind: number;
  count: number;
  recordSize: number;
  bytes: Uint8Array;
}

/** Pack sections (copies their bytes once, out of WASM memory). */
export function packResult(sections: readonly Section[]): ArrayBuffer {
  let size = 8;
  for (const s of sections) size += 16 + ((s.bytes.length + 7) & ~7);
  const buf = new ArrayBuffer(size);
  const dv = new DataView(buf);
  const u8 = new Uint8Array(buf);
  dv.setUint32(0, RESULT_MAGIC, true);
  dv.setUint32(4, sections.length, true);
  let off = 8;
  for (const s of sections) {
    dv.setUint32(off, s.kind, true);
    dv.setUint32(off + 4, s.count, true);
    dv.setUint32(off + 8, s.recordSize, true);
    dv.setUint32(off + 12, s.bytes.length, true);
    u8.set(s.bytes, off + 16);
    off += 16 + ((s.bytes.length + 7) & ~7);
  }
  return buf;
}

export function unpackResult(buf: ArrayBuffer): Section[] {
  const dv = new DataView(buf);
  if (dv.getUint32(0, true) !== RESULT_MAGIC) throw new Error('worker result: bad magic');
  const n = dv.getUint32(4, true);
  const out: Section[] = [];
  let off = 8;
  for (let i = 0; i < n; i++) {
    const len = dv.getUint32(off + 12, true);
    out.push({
      kind: dv.getUint32(off, true),
      count: dv.getUint32(off + 4, true),
      recordSize: dv.getUint32(off + 8, true),
      bytes: new Uint8Array(buf, off + 16, len),
    });
    off += 16 + ((len + 7) & ~7);
  }
  return out;
}

/** Accumulates record sections across several engine calls of one chunk (OUTPUT_FULL drains). */
export class SectionBuilder {
  private parts: Uint8Array[] = [];
  private count = 0;
  constructor(
    readonly kind: number,
    readonly recordSize: number,
  ) {}
  add(mem: Uint8Array, ptr: number, count: number): void {
    if (count === 0) return;
    this.parts.push(mem.slice(ptr, ptr + count * this.recordSize));
    this.count += count;
  }
  build(): Section {
    const bytes = new Uint8Array(this.count * this.recordSize);
    let o = 0;
    for (const p of this.parts) {
      bytes.set(p, o);
      o += p.length;
    }
    return { kind: this.kind, count: this.count, recordSize: this.recordSize, bytes };
  }
}
