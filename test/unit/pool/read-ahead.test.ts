/**
 * The worker's read-ahead (src/pool/read-ahead.ts): the bytes of exactly the range it read, or
 * nothing (-1) for any other range, and never bytes of a read it dropped.
 */
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReadAhead } from '../../../src/pool/read-ahead.js';

const dir = mkdtempSync(join(tmpdir(), 'netsift-read-ahead-'));
const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7 + 3) & 0xff);
const path = join(dir, 'data.bin');
writeFileSync(path, bytes);
const fd = openSync(path, 'r');
afterAll(() => closeSync(fd));

describe('ReadAhead', () => {
  it('gives the bytes of the range it read ahead, fewer at the end of the file', async () => {
    const ra = new ReadAhead();
    const into = new Uint8Array(4096);
    ra.start(fd, 4096, 4096);
    expect(await ra.take(fd, 4096, 4096, into)).toBe(4096);
    expect(into).toEqual(bytes.subarray(4096, 8192));
    ra.start(fd, 8192, 4096);
    into.fill(0);
    expect(await ra.take(fd, 8192, 4096, into)).toBe(10_000 - 8192);
    expect(into.subarray(0, 10_000 - 8192)).toEqual(bytes.subarray(8192));
  });

  it('gives nothing for another range, another file, or after a discard; the next read is right', async () => {
    const ra = new ReadAhead();
    const into = new Uint8Array(4096);
    expect(await ra.take(fd, 0, 4096, into)).toBe(-1); // none started
    ra.start(fd, 0, 4096);
    expect(await ra.take(fd, 100, 4096, into)).toBe(-1); // another offset: dropped
    ra.start(fd, 0, 4096);
    expect(await ra.take(fd + 1000, 0, 4096, into)).toBe(-1); // another descriptor
    ra.start(fd, 0, 4096);
    ra.discard();
    expect(await ra.take(fd, 0, 4096, into)).toBe(-1);
    // dropped reads may still be writing their buffers: a new one must not share them
    for (let k = 0; k < 8; k++) {
      ra.start(fd, 0, 4096);
      ra.discard();
    }
    ra.start(fd, 1000, 4096);
    expect(await ra.take(fd, 1000, 4096, into)).toBe(4096);
    expect(into).toEqual(bytes.subarray(1000, 5096));
  });

  it('a failed read gives nothing, so the caller reads (and reports) itself', async () => {
    const ra = new ReadAhead();
    const into = new Uint8Array(16);
    const bad = 1 << 20; // no such descriptor: EBADF
    ra.start(bad, 0, 16);
    expect(await ra.take(bad, 0, 16, into)).toBe(-1);
  });
});
