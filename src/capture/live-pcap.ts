/**
 * `netsift live --write-pcap FILE`: the captured packets written back out as classic pcap
 * (nanosecond timestamps, magic 0xa1b23c4d) so they can be read again later
 * (`netsift read FILE`, tcpdump, Wireshark). Rotated by size like `tcpdump -C`: FILE, FILE.1,
 * FILE.2, ... each at most `maxBytes` (a record never spans two files). Writes are buffered and
 * synchronous (1 MiB at a time) on the main thread, next to the capture callback.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const PCAP_MAGIC_NSEC = 0xa1b23c4d;
const FILE_HDR_LEN = 24;
const REC_HDR_LEN = 16;
const FLUSH_BYTES = 1 << 20;

export interface PcapRotatingWriterOptions {
  path: string;
  linkType: number;
  snaplen: number;
  /** Rotate before a file would exceed this many bytes (default 100 MiB; at least one record per file). */
  maxBytes?: number;
}

export class PcapRotatingWriter {
  /** Every file written so far, in order. */
  readonly files: string[] = [];
  packets = 0;
  private fd: number | undefined;
  private fileBytes = 0;
  private pending: Buffer = Buffer.alloc(FLUSH_BYTES + 65536 + REC_HDR_LEN);
  private pendingLen = 0;
  private readonly maxBytes: number;

  constructor(private readonly opts: PcapRotatingWriterOptions) {
    this.maxBytes = Math.max(opts.maxBytes ?? 100 << 20, FILE_HDR_LEN + REC_HDR_LEN);
    this.open();
  }

  private nameOf(i: number): string {
    return i === 0 ? this.opts.path : `${this.opts.path}.${i}`;
  }

  private open(): void {
    const path = this.nameOf(this.files.length);
    this.fd = openSync(path, 'w');
    this.files.push(path);
    const h = Buffer.alloc(FILE_HDR_LEN);
    h.writeUInt32LE(PCAP_MAGIC_NSEC, 0);
    h.writeUInt16LE(2, 4);
    h.writeUInt16LE(4, 6);
    h.writeUInt32LE(this.opts.snaplen, 16);
    h.writeUInt32LE(this.opts.linkType, 20);
    writeSync(this.fd, h);
    this.fileBytes = FILE_HDR_LEN;
  }

  /** Append one packet: `data[0, capLen)` captured of `origLen` on the wire, at `tsNs`. */
  write(data: Uint8Array, capLen: number, origLen: number, tsNs: bigint): void {
    const rec = REC_HDR_LEN + capLen;
    if (this.fileBytes + rec > this.maxBytes && this.fileBytes > FILE_HDR_LEN) {
      this.flush();
      closeSync(this.fd!);
      this.open();
    }
    if (this.pendingLen + rec > this.pending.length) this.flush();
    const p = this.pending;
    const at = this.pendingLen;
    p.writeUInt32LE(Number(tsNs / 1_000_000_000n), at);
    p.writeUInt32LE(Number(tsNs % 1_000_000_000n), at + 4);
    p.writeUInt32LE(capLen, at + 8);
    p.writeUInt32LE(origLen, at + 12);
    p.set(data.subarray(0, capLen), at + REC_HDR_LEN);
    this.pendingLen += rec;
    this.fileBytes += rec;
    this.packets++;
    if (this.pendingLen >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pendingLen === 0 || this.fd === undefined) return;
    writeSync(this.fd, this.pending, 0, this.pendingLen);
    this.pendingLen = 0;
  }

  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
  }
}
