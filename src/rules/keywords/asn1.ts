/**
 * asn1: decode the buffer as BER from an offset and match when an object is malformed in a known
 * exploitable way (Suricata's detect-asn1 / rust asn1): `asn1:<option>[, <option>...];` with
 *   bitstring_overflow        a BIT STRING whose unused-bit count exceeds its length in bits
 *   double_overflow           a REAL in decimal (ASCII) form longer than 256 bytes
 *   oversize_length <n>       an object longer than n
 *   absolute_offset <n>       start decoding at byte n (default 0)
 *   relative_offset <n>       start n bytes after the previous match (n may be negative)
 *   max_frames <n>            objects and nesting decoded at most (default 30)
 * Options are separated by commas or spaces. Evaluation: src/alerts/asn1.ts.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { Asn1Spec } from '../types.js';
import { parseInteger } from '../values/number.js';
import { requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'asn1',
  summary:
    'BER-decode the payload and match known-malformed encodings (overflowing bit strings, reals, lengths)',
  syntax:
    'asn1:[bitstring_overflow][, double_overflow][, oversize_length <n>][, absolute_offset <n>|relative_offset <n>][, max_frames <n>];',
  example: 'asn1:bitstring_overflow, oversize_length 2048, relative_offset 27;',
};

export const ASN1_DEFAULT_MAX_FRAMES = 30;

export const keyword = defineKeyword({
  meta,
  parse(value, rule): Asn1Spec {
    const words = requireValue('asn1', value)
      .split(/[\s,]+/)
      .filter((w) => w !== '');
    let bitstringOverflow = false;
    let doubleOverflow = false;
    let oversizeLength: number | undefined;
    let absoluteOffset: number | undefined;
    let relativeOffset: number | undefined;
    let maxFrames = ASN1_DEFAULT_MAX_FRAMES;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      const arg = (): string => {
        const a = words[++i];
        if (a === undefined) badValue('asn1', `${w} needs a number`);
        return a;
      };
      if (w === 'bitstring_overflow') bitstringOverflow = true;
      else if (w === 'double_overflow') doubleOverflow = true;
      else if (w === 'oversize_length') oversizeLength = parseInteger('asn1', arg(), 0, 0xffffffff);
      else if (w === 'absolute_offset') absoluteOffset = parseInteger('asn1', arg(), 0, 65535);
      else if (w === 'relative_offset') relativeOffset = parseInteger('asn1', arg(), -65535, 65535);
      else if (w === 'max_frames') maxFrames = parseInteger('asn1', arg(), 1, 65535);
      else badValue('asn1', `unknown option "${w}"`);
    }
    if (absoluteOffset !== undefined && relativeOffset !== undefined)
      badValue('asn1', 'absolute_offset and relative_offset exclude each other');
    if (!bitstringOverflow && !doubleOverflow && oversizeLength === undefined)
      badValue('asn1', 'needs bitstring_overflow, double_overflow or oversize_length');
    return {
      kind: 'asn1',
      bitstringOverflow,
      doubleOverflow,
      oversizeLength,
      absoluteOffset,
      relativeOffset,
      maxFrames,
      buffer: rule.currentBuffer,
    };
  },
  apply(rule, spec: Asn1Spec) {
    rule.matches.push(spec);
  },
});
