/**
 * The numeric value grammar shared by every keyword that compares one integer (dsize, ttl, tos,
 * id, ip_proto, itype, icode, icmp_id, icmp_seq, seq, ack, window, bsize, ...), as Suricata's
 * DetectU8Parse/DetectU32Parse (detect-engine-uint.c) and Snort's RangeCheck do:
 *
 *   N   =N   <N   >N   <=N   >=N   !N   a-b   a<>b   (a-b and a<>b are exclusive: a < x < b)
 *
 * Suricata 7 documents `a-b` and `a<>b` both as "greater than a and less than b"; we follow that.
 */
import { badValue } from '../issues.js';
import { parseInteger } from './number.js';

export type RangeOp = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge' | 'range';

export interface RangeSpec {
  readonly op: RangeOp;
  /** The value for eq/ne/lt/gt/le/ge; the exclusive lower bound for `range`. */
  readonly value: number;
  /** The exclusive upper bound for `range`, else equal to `value`. */
  readonly max: number;
}

const RANGE = /^(\d+|0[xX][0-9a-fA-F]+)\s*(?:-|<>)\s*(\d+|0[xX][0-9a-fA-F]+)$/;

export function parseRange(keyword: string, text: string, min = 0, max = 0xffffffff): RangeSpec {
  const t = text.trim();
  if (t === '') badValue(keyword, 'missing value');
  const m = RANGE.exec(t);
  if (m && m[1] !== undefined && m[2] !== undefined) {
    const lo = parseInteger(keyword, m[1], min, max);
    const hi = parseInteger(keyword, m[2], min, max);
    if (lo >= hi) badValue(keyword, `range "${t}": the lower bound must be below the upper bound`);
    return { op: 'range', value: lo, max: hi };
  }
  const ops: [string, RangeOp][] = [
    ['<=', 'le'],
    ['>=', 'ge'],
    ['<', 'lt'],
    ['>', 'gt'],
    ['!', 'ne'],
    ['=', 'eq'],
  ];
  for (const [sym, op] of ops) {
    if (t.startsWith(sym)) {
      const v = parseInteger(keyword, t.slice(sym.length), min, max);
      if (op === 'lt' && v === min) badValue(keyword, `"${t}" can never match`);
      if (op === 'gt' && v === max) badValue(keyword, `"${t}" can never match`);
      return { op, value: v, max: v };
    }
  }
  const v = parseInteger(keyword, t, min, max);
  return { op: 'eq', value: v, max: v };
}

/** Reference evaluation (the WASM verifier mirrors it). */
export function matchRange(r: RangeSpec, x: number): boolean {
  switch (r.op) {
    case 'eq':
      return x === r.value;
    case 'ne':
      return x !== r.value;
    case 'lt':
      return x < r.value;
    case 'gt':
      return x > r.value;
    case 'le':
      return x <= r.value;
    case 'ge':
      return x >= r.value;
    case 'range':
      return x > r.value && x < r.max;
  }
}
