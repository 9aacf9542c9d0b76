/**
 * Options shared by byte_test, byte_jump and byte_extract (Suricata "Payload keywords"):
 * endianness (big, little, dce), `string,<hex|dec|oct>` and `bitmask <value>`.
 */
import { badValue } from '../issues.js';
import type { Endian, NumBase } from '../types.js';
import { parseInteger } from '../values/number.js';

export interface ByteOptions {
  endian?: Endian;
  string?: NumBase;
  bitmask?: number;
}

/** Consume option `opts[i]` if it is a shared one; returns how many entries were used (0 if none). */
export function takeByteOption(keyword: string, opts: string[], i: number, into: ByteOptions): number {
  const o = opts[i] as string;
  if (o === 'big' || o === 'little' || o === 'dce') {
    if (into.endian !== undefined && into.endian !== o)
      badValue(keyword, `both ${into.endian} and ${o} endian`);
    into.endian = o;
    return 1;
  }
  if (o === 'string') {
    const base = opts[i + 1];
    if (base === 'hex' || base === 'dec' || base === 'oct') {
      into.string = base;
      return 2;
    }
    into.string = 'dec';
    return 1;
  }
  if (o.startsWith('bitmask')) {
    const v = o.slice('bitmask'.length).trim();
    into.bitmask = parseInteger(keyword, v, 1, 0xffffffff);
    return 1;
  }
  return 0;
}

/**
 * 1..8 bytes for binary values; up to 32 digits with `string`. Suricata accepts 0 with `string`
 * (ET Open writes `byte_test:0,=,0,0,string,dec`), so we record it as written.
 */
export function checkByteCount(keyword: string, n: number, opts: ByteOptions): void {
  if (opts.string !== undefined) {
    if (n > 32) badValue(keyword, `string conversion of ${n} bytes (at most 32)`);
  } else if (![1, 2, 3, 4, 5, 6, 7, 8].includes(n)) {
    badValue(keyword, `${n} bytes (1..8 without "string")`);
  }
}
