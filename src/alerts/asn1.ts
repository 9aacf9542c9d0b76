/**
 * The asn1 keyword's check (src/rules/keywords/asn1.ts), after Suricata's rust asn1 module: decode
 * BER objects one after another from the start offset, stopping at the first that does not parse
 * (each is parsed in full, nesting included, at most `maxFrames` deep; more than `maxFrames`
 * top-level objects is a decoding failure), then walk every object and its children, at most
 * `maxFrames` deep, for the first that shows one of the asked-for defects:
 *   oversize_length n     content longer than n bytes
 *   bitstring_overflow    a universal primitive BIT STRING whose unused-bit count (first content
 *                         byte) exceeds its length in bits
 *   double_overflow       a universal primitive REAL in decimal form (first content byte's top two
 *                         bits 0) longer than 256 bytes (the MSASN1 overflow)
 * Primitive contents are not validated beyond their length (Suricata's BER parser checks some,
 * such as a BOOLEAN's length, and stops decoding there): netsift may look a little further.
 */
import type { Asn1Spec } from '../rules/types.js';

interface BerObject {
  universal: boolean;
  constructed: boolean;
  tag: number;
  /** Content bytes [start, end) in the buffer. */
  start: number;
  end: number;
  children: BerObject[];
}

const TAG_BIT_STRING = 3;
const TAG_REAL = 9;

/** One BER object at `pos` (below `depth` levels of nesting), or undefined when it does not parse. */
function parseObject(
  b: Uint8Array,
  pos: number,
  limit: number,
  depth: number,
): [BerObject, number] | undefined {
  if (depth <= 0 || pos + 2 > limit) return undefined;
  const id = b[pos] as number;
  let p = pos + 1;
  let tag = id & 0x1f;
  if (tag === 0x1f) {
    // high tag number form: base-128 digits, bit 8 set on all but the last
    tag = 0;
    for (let n = 0; ; n++) {
      if (p >= limit || n >= 4) return undefined;
      const c = b[p++] as number;
      tag = tag * 128 + (c & 0x7f);
      if ((c & 0x80) === 0) break;
    }
  }
  if (p >= limit) return undefined;
  const constructed = (id & 0x20) !== 0;
  const first = b[p++] as number;
  const obj: BerObject = { universal: id >> 6 === 0, constructed, tag, start: 0, end: 0, children: [] };
  if (first === 0x80) {
    // indefinite length: constructed only, children up to the end-of-contents octets
    if (!constructed) return undefined;
    obj.start = p;
    for (;;) {
      if (p + 2 > limit) return undefined;
      if (b[p] === 0 && b[p + 1] === 0) {
        obj.end = p;
        return [obj, p + 2];
      }
      const child = parseObject(b, p, limit, depth - 1);
      if (!child) return undefined;
      obj.children.push(child[0]);
      p = child[1];
    }
  }
  let len = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 4 || p + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[p++] as number);
  }
  if (p + len > limit) return undefined;
  obj.start = p;
  obj.end = p + len;
  if (constructed) {
    let q = p;
    while (q < obj.end) {
      const child = parseObject(b, q, obj.end, depth - 1);
      if (!child) return undefined;
      obj.children.push(child[0]);
      q = child[1];
    }
  }
  return [obj, obj.end];
}

function defect(o: BerObject, b: Uint8Array, s: Asn1Spec): boolean {
  const len = o.end - o.start;
  if (s.oversizeLength !== undefined && len > s.oversizeLength) return true;
  if (!o.universal || o.constructed || len === 0) return false;
  const first = b[o.start] as number;
  if (s.bitstringOverflow && o.tag === TAG_BIT_STRING && first > len * 8) return true;
  return s.doubleOverflow && o.tag === TAG_REAL && (first & 0xc0) === 0 && len > 256;
}

/** Depth-first: the object, then its children; undefined when the walk goes too deep. */
function walk(o: BerObject, b: Uint8Array, s: Asn1Spec, depth: number): boolean | undefined {
  if (depth === 0) return undefined;
  if (defect(o, b, s)) return true;
  for (const c of o.children) {
    const r = walk(c, b, s, depth - 1);
    if (r !== false) return r;
  }
  return false;
}

/** Does the asn1 check match `buf`, `cursor` being the end of the previous match? */
export function asn1Matches(s: Asn1Spec, buf: Uint8Array, cursor: number): boolean {
  const b = buf.length > 65535 ? buf.subarray(0, 65535) : buf;
  const offset = s.absoluteOffset ?? (s.relativeOffset !== undefined ? cursor + s.relativeOffset : 0);
  if (offset < 0 || offset > 65535 || offset >= b.length) return false;
  const objects: BerObject[] = [];
  let p = offset;
  while (p < b.length) {
    if (objects.length >= s.maxFrames) return false;
    const r = parseObject(b, p, b.length, s.maxFrames);
    if (!r) break;
    objects.push(r[0]);
    p = r[1];
  }
  for (const o of objects) {
    const r = walk(o, b, s, s.maxFrames);
    if (r !== false) return r === true;
  }
  return false;
}
