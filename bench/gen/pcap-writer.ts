/**
 * Streaming classic-pcap writer: little-endian, microsecond timestamps (magic a1b2c3d4),
 * version 2.4, linktype 1 (Ethernet). Frames are built in place inside the writer's buffer
 * (`reserve` → write bytes at the returned offset → `commit`), and the buffer is flushed to the
 * sink whenever it fills, so memory stays bounded whatever the capture size.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export const PCAP_MAGIC_US = 0xa1b2c3d4;
export const PCAP_GLOBAL_HDR_LEN = 24;
export const PCAP_REC_HDR_LEN = 16;
export const PCAP_SNAPLEN = 262144;
export const LINKTYPE_ETHERNET = 1;

/** Where flushed bytes go. */
export interface ByteSink {
  write(bytes: Uint8Array): void;
  close(): void;
}

export function fileSink(path: string): ByteSink {
  const fd = openSync(path, 'w');
  return {
    write(bytes) {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    },
    close() {
      closeSync(fd);
    },
  };
}

/** Collects the capture in memory (small test captures only). */
export class MemorySink implements ByteSink {
  private parts: Uint8Array[] = [];
  write(bytes: Uint8Array): void {
    // a copy: Buffer#slice is a view, and the writer reuses its buffer after every flush
    this.parts.push(Uint8Array.prototype.slice.call(bytes));
  }
  close(): void {}
  bytes(): Uint8Array {
    return Buffer.concat(this.parts);
  }
}

export class PcapWriter {
  /** The buffer frames are built in; valid between `reserve` and `commit`. */
  readonly buf: Buffer;
  private pos = 0;
  /** Records written so far. */
  packets = 0;
  /** File bytes written so far (global header included). */
  bytes = 0;

  constructor(
    private readonly sink: ByteSink,
    bufferSize = 4 << 20,
  ) {
    this.buf = Buffer.alloc(bufferSize);
    const b = this.buf;
    b.writeUInt32LE(PCAP_MAGIC_US, 0);
    b.writeUInt16LE(2, 4);
    b.writeUInt16LE(4, 6);
    b.writeInt32LE(0, 8); // thiszone
    b.writeUInt32LE(0, 12); // sigfigs
    b.writeUInt32LE(PCAP_SNAPLEN, 16);
    b.writeUInt32LE(LINKTYPE_ETHERNET, 20);
    this.pos = PCAP_GLOBAL_HDR_LEN;
    this.bytes = PCAP_GLOBAL_HDR_LEN;
  }

  /** Make room for a frame of at most maxLen bytes; returns the offset in `buf` to build it at. */
  reserve(maxLen: number): number {
    if (this.pos + PCAP_REC_HDR_LEN + maxLen > this.buf.length) this.flush();
    return this.pos + PCAP_REC_HDR_LEN;
  }

  /** Seal the frame built at the reserved offset: len bytes, timestamp in µs since the epoch. */
  commit(len: number, tsUs: number): void {
    const b = this.buf;
    const p = this.pos;
    const sec = Math.floor(tsUs / 1e6);
    b.writeUInt32LE(sec >>> 0, p);
    b.writeUInt32LE(tsUs - sec * 1e6, p + 4);
    b.writeUInt32LE(len, p + 8);
    b.writeUInt32LE(len, p + 12);
    this.pos = p + PCAP_REC_HDR_LEN + len;
    this.packets++;
    this.bytes += PCAP_REC_HDR_LEN + len;
  }

  flush(): void {
    if (this.pos > 0) this.sink.write(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  close(): void {
    this.flush();
    this.sink.close();
  }
}
