/**
 * Read-ahead for a worker's file chunks. A worker used to read each chunk with readSync, which
 * blocked its thread for the kernel's copy out of the page cache: about 0.3 s of every GiB, a
 * quarter of the 1,000-rule path. Instead, while the worker processes chunk k, libuv's thread
 * pool reads chunk k+1 into a buffer of its own (another core's time), and the worker then only
 * copies it into the input region. Only the range the next task is expected to ask for is read;
 * a task that asks for anything else (another file, another offset) discards it.
 */
import { read } from 'node:fs';

interface Pending {
  fd: number;
  offset: number;
  len: number;
  buf: Buffer;
  /** Bytes read, or the read's error. */
  done: Promise<number | Error>;
}

export class ReadAhead {
  private pending: Pending | undefined;
  /** A buffer no read is writing into, kept for the next read-ahead. */
  private spare: Buffer | undefined;

  /** Start reading `len` bytes at `offset` of `fd` (what the next task is expected to ask for). */
  start(fd: number, offset: number, len: number): void {
    this.discard();
    const buf = this.spare && this.spare.length >= len ? this.spare : Buffer.allocUnsafe(len);
    this.spare = undefined;
    const done = new Promise<number | Error>((resolve) => {
      read(fd, buf, 0, len, offset, (err, n) => resolve(err ?? n));
    });
    this.pending = { fd, offset, len, buf, done };
  }

  /**
   * Copy the read-ahead of exactly this range into `into`: the bytes copied (fewer at the end of
   * the file), or -1 when there is none for it or it failed (the caller then reads itself, and
   * reports the error if there is one).
   */
  async take(fd: number, offset: number, len: number, into: Uint8Array): Promise<number> {
    const p = this.pending;
    this.pending = undefined;
    if (!p || p.fd !== fd || p.offset !== offset || p.len < len || into.length < len) {
      if (p) this.forget(p);
      return -1;
    }
    const got = await p.done;
    this.spare = p.buf; // its read has finished
    if (got instanceof Error) return -1;
    const n = Math.min(got, len);
    into.set(p.buf.subarray(0, n));
    return n;
  }

  /** Drop the read-ahead (a new file, the end of a run). */
  discard(): void {
    const p = this.pending;
    this.pending = undefined;
    if (p) this.forget(p);
  }

  /** A read-ahead nobody takes: its buffer is reused only after its read has finished. */
  private forget(p: Pending): void {
    void p.done.then(() => {
      if (!this.pending && !this.spare) this.spare = p.buf;
    });
  }
}
