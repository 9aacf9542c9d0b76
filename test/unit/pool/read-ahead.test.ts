/**
 * The worker's read-ahead (src/pool/read-ahead.ts): the bytes of exactly the range it read, landed
 * where it was told, or nothing for any other range; a dropped read has stopped writing once dropped.
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

/** A landing of `len` bytes at offset `at` of `region` (the input region in a worker). */
function landing(region: Uint8Array, at: number, len: number): { at: number; view: Uint8Array } {
  return { at, view: region.subarray(at, at + len) };
}

describe('ReadAhead', () => {
  it('lands the bytes of the range it read ahead where it was told, fewer at the end of the file', async () => {
    const ra = new ReadAhead();
    const region = new Uint8Array(3 * 4096);
    ra.start(fd, 4096, 4096, landing(region, 4096, 4096));
    expect(await ra.take(fd, 4096, 4096)).toEqual({ at: 4096, n: 4096 });
    expect(region.subarray(4096, 8192)).toEqual(bytes.subarray(4096, 8192));
    expect(region.subarray(0, 4096).every((b) => b === 0)).toBe(true); // nothing outside the landing
    ra.start(fd, 8192, 4096, landing(region, 8192, 4096));
    expect(await ra.take(fd, 8192, 4096)).toEqual({ at: 8192, n: 10_000 - 8192 });
    expect(region.subarray(8192, 10_000)).toEqual(bytes.subarray(8192));
  });

  it('gives nothing for another range, another file, or after a discard; the next read is right', async () => {
    const ra = new ReadAhead();
    const region = new Uint8Array(4096);
    expect(await ra.take(fd, 0, 4096)).toBeUndefined(); // none started
    ra.start(fd, 0, 4096, landing(region, 0, 4096));
    expect(await ra.take(fd, 100, 4096)).toBeUndefined(); // another offset: dropped
    ra.start(fd, 0, 4096, landing(region, 0, 4096));
    expect(await ra.take(fd + 1000, 0, 4096)).toBeUndefined(); // another descriptor
    ra.start(fd, 0, 4096, landing(region, 0, 4096));
    await ra.discard();
    expect(await ra.take(fd, 0, 4096)).toBeUndefined();
    ra.start(fd, 1000, 4096, landing(region, 0, 4096));
    expect(await ra.take(fd, 1000, 4096)).toEqual({ at: 0, n: 4096 });
    expect(region).toEqual(bytes.subarray(1000, 5096));
  });

  it('a discarded read has finished writing when discard() resolves', async () => {
    const ra = new ReadAhead();
    const region = new Uint8Array(4096);
    ra.start(fd, 0, 4096, landing(region, 0, 4096));
    await ra.discard();
    expect(region).toEqual(bytes.subarray(0, 4096)); // written before, never after: the memory is free
    region.fill(0);
    await new Promise((r) => setTimeout(r, 20));
    expect(region.every((b) => b === 0)).toBe(true);
  });

  it('refuses a second read-ahead while one is pending (it would write where the first does)', () => {
    const ra = new ReadAhead();
    const region = new Uint8Array(4096);
    ra.start(fd, 0, 4096, landing(region, 0, 4096));
    expect(() => ra.start(fd, 0, 4096, landing(region, 0, 4096))).toThrow(/pending/);
    return ra.discard();
  });

  it('a failed read gives nothing, so the caller reads (and reports) itself', async () => {
    const ra = new ReadAhead();
    const bad = 1 << 20; // no such descriptor: EBADF
    ra.start(bad, 0, 16, landing(new Uint8Array(16), 0, 16));
    expect(await ra.take(bad, 0, 16)).toBeUndefined();
  });
});
