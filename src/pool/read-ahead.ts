/**
 * Read-ahead for a worker's file chunks. A worker used to read each chunk with readSync, which
 * blocked its thread for the kernel's copy out of the page cache: about 0.3 s of every GiB, a
 * quarter of the 1,000-rule path. Instead, while the worker processes chunk k, libuv's thread
 * pool reads chunk k+1 straight into the half of the input region chunk k is not in
 * (StreamFeeder.landing), so the worker neither waits for the read nor copies its bytes. Only the
 * range the next task is expected to ask for is read; a task that asks for anything else
 * (another file, another offset) discards it.
 *
 * A read writes into WASM memory from another thread until it completes, so a discarded read is
 * waited for before anything else uses that memory: take() and discard() settle it first.
 */
import { read } from 'node:fs';

/** Where a read lands: `view` over the input region, at offset `at` of the region. */
export interface Landing {
  at: number;
  view: Uint8Array;
}

interface Pending {
  fd: number;
  offset: number;
  len: number;
  at: number;
  /** Bytes read, or the read's error. */
  done: Promise<number | Error>;
}

export class ReadAhead {
  private pending: Pending | undefined;

  /** Start reading `len` bytes at `offset` of `fd` (what the next task is expected to ask for) into `into`. */
  start(fd: number, offset: number, len: number, into: Landing): void {
    if (this.pending) throw new Error('read-ahead started while another is pending');
    const done = new Promise<number | Error>((resolve) => {
      read(fd, into.view, 0, Math.min(len, into.view.length), offset, (err, n) => resolve(err ?? n));
    });
    this.pending = { fd, offset, len, at: into.at, done };
  }

  /**
   * The read-ahead of exactly this range, once it has finished: where it landed and the bytes read
   * (fewer at the end of the file). Undefined when there is none for it or it failed (the caller
   * then reads itself, and reports the error if there is one); another range's read is waited
   * for and dropped.
   */
  async take(fd: number, offset: number, len: number): Promise<{ at: number; n: number } | undefined> {
    const p = this.pending;
    this.pending = undefined;
    if (!p) return undefined;
    const got = await p.done;
    if (p.fd !== fd || p.offset !== offset || p.len < len || got instanceof Error) return undefined;
    return { at: p.at, n: Math.min(got, len) };
  }

  /** Drop the read-ahead (a new file, the end of a run), once it no longer writes. */
  async discard(): Promise<void> {
    const p = this.pending;
    this.pending = undefined;
    if (p) await p.done;
  }
}
