/**
 * Integer values of rule keywords: decimal or 0x-hex, bounded. Shared by every numeric keyword
 * and by range.ts. Also `NumOrVar`: the offset/value/depth positions that accept a byte_extract
 * variable by name (Suricata detect-byte-extract.c: variables are looked up by name at parse time).
 */
import { badValue } from '../issues.js';

const DEC = /^[+-]?\d+$/;
const HEX = /^[+-]?0[xX][0-9a-fA-F]+$/;

/** Parse an integer in [min, max]; `what` names the keyword in the error. */
export function parseInteger(keyword: string, text: string, min: number, max: number): number {
  const t = text.trim();
  if (!DEC.test(t) && !HEX.test(t)) badValue(keyword, `"${text}" is not an integer`);
  const neg = t.startsWith('-');
  const body = t.replace(/^[+-]/, '');
  const n =
    (neg ? -1 : 1) * (body.startsWith('0x') || body.startsWith('0X') ? parseInt(body, 16) : Number(body));
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    badValue(keyword, `${text} is out of range ${min}..${max}`);
  }
  return n;
}

/** A number, or the name of a variable set by an earlier byte_extract. */
export type NumOrVar = number | { readonly var: string };

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parse a position that may name a byte_extract variable. `vars` holds the names extracted so far
 * in this rule; an unknown name is a bad value (Suricata: "unknown byte_extract var").
 */
export function parseNumOrVar(
  keyword: string,
  text: string,
  min: number,
  max: number,
  vars: ReadonlySet<string>,
): NumOrVar {
  const t = text.trim();
  if (VAR_NAME.test(t) && !/^0[xX]/.test(t)) {
    if (!vars.has(t))
      badValue(keyword, `"${t}" is neither a number nor a byte_extract variable of this rule`);
    return { var: t };
  }
  return parseInteger(keyword, t, min, max);
}
