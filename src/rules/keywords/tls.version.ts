/**
 * tls.version: the TLS version of the inspected side (Suricata "TLS keywords" § tls.version,
 * detect-tls-version.c): `1.0`, `1.1`, `1.2`, `1.3`, or a raw 16-bit value `0x0303`. The server's
 * is the version its ServerHello selected, the client's the one its ClientHello offers first
 * (src/app/fields.ts).
 */
import { badValue } from '../issues.js';
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'tls.version' } = {
  name: 'tls.version',
  summary: 'TLS version (1.0 .. 1.3, or 0xHHHH)',
  syntax: 'tls.version:1.0|1.1|1.2|1.3|0xHHHH;',
  example: 'tls.version:1.2;',
};

const NAMED: Record<string, number> = { '1.0': 0x0301, '1.1': 0x0302, '1.2': 0x0303, '1.3': 0x0304 };

export const keyword = rangeKeyword(
  meta,
  0xffff,
  (v) => {
    const named = NAMED[v.trim()];
    if (named !== undefined) return String(named);
    if (!/^0x[0-9a-f]{1,4}$/i.test(v.trim()))
      badValue('tls.version', `"${v.trim()}" is not 1.0, 1.1, 1.2, 1.3 or 0xHHHH`);
    return v.trim();
  },
  meta.name,
);
