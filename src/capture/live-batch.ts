/**
 * Packets captured live, appended to a buffer in netsift's batch record format (the format
 * assembly/frame/batch.ts frames): per record
 *
 *   ts_ns u64 · captured length u32 · original length u32 · link type u16 · interface u16 ·
 *   reserved u32 · captured bytes, padded to a multiple of 8          (all little-endian)
 *
 * The capture callback only copies bytes in here; full batches go to the engine whole.
 */
import * as L from '../wasm/layout.js';

export const BATCH_REC_HDR_LEN = 24;

/** Bytes one record of `capLen` captured bytes takes in a batch. */
export function batchRecordSize(capLen: number): number {
  return BATCH_REC_HDR_LEN + ((capLen + 7) & ~7);
}

export class BatchWriter {
  private buf: Uint8Array;
  private dv: DataView;
  private len = 0;
  /** Records in the current batch. */
  packets = 0;

  /** `capacity`: bytes per batch; must hold a record of MAX_CAPLEN bytes. */
  constructor(readonly capacity = 1 << 20) {
    if (capacity < batchRecordSize(L.MAX_CAPLEN))
      throw new RangeError(`batch capacity ${capacity} is too small`);
    this.buf = new Uint8Array(capacity);
    this.dv = new DataView(this.buf.buffer);
  }

  /** Bytes in the current batch. */
  get size(): number {
    return this.len;
  }

  /** True when a record of `capLen` bytes still fits. */
  fits(capLen: number): boolean {
    return this.len + batchRecordSize(capLen) <= this.capacity;
  }

  /** Append one record (the caller checked `fits`). `data[0, capLen)` are the captured bytes. */
  add(data: Uint8Array, capLen: number, origLen: number, tsNs: bigint, linkType: number, iface = 0): void {
    const at = this.len;
    const dv = this.dv;
    dv.setBigUint64(at, tsNs, true);
    dv.setUint32(at + 8, capLen, true);
    dv.setUint32(at + 12, origLen, true);
    dv.setUint16(at + 16, linkType, true);
    dv.setUint16(at + 18, iface, true);
    dv.setUint32(at + 20, 0, true);
    this.buf.set(capLen === data.length ? data : data.subarray(0, capLen), at + BATCH_REC_HDR_LEN);
    const end = at + batchRecordSize(capLen);
    this.buf.fill(0, at + BATCH_REC_HDR_LEN + capLen, end); // padding
    this.len = end;
    this.packets++;
  }

  /** Hand over the current batch (its own buffer) and start a new one; undefined when empty. */
  take(): { bytes: Uint8Array; packets: number } | undefined {
    if (this.len === 0) return undefined;
    const out = { bytes: this.buf.subarray(0, this.len), packets: this.packets };
    this.buf = new Uint8Array(this.capacity);
    this.dv = new DataView(this.buf.buffer);
    this.len = 0;
    this.packets = 0;
    return out;
  }
}
