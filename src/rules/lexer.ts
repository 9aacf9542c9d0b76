/**
 * From rule-file text to logical rules and from a rule to its parts.
 *
 * - Lines ending with `\` continue on the next line (Suricata `SigLoadSignatures`); the rule keeps
 *   the number of its first physical line.
 * - Blank lines and `#` comments are skipped, and so are commented-out rules (`# alert ...`).
 * - Options are split on `;` that is not escaped (`\;`); quotes do not protect `;` (Suricata and
 *   Snort require `\;` inside quoted values too). Escapes stay in the value: keywords unescape.
 */
import { syntaxError } from './issues.js';

export interface LogicalLine {
  /** 1-based number of the first physical line. */
  readonly line: number;
  readonly text: string;
}

export function splitLogicalLines(source: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const lines = source.split(/\r?\n/);
  let buf = '';
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i] as string;
    if (buf === '') start = i + 1;
    const trimmedEnd = l.trimEnd();
    if (trimmedEnd.endsWith('\\') && !trimmedEnd.endsWith('\\\\') && i + 1 < lines.length) {
      buf += trimmedEnd.slice(0, -1);
      continue;
    }
    l = buf + l;
    buf = '';
    const t = l.trim();
    if (t === '' || t.startsWith('#')) continue;
    out.push({ line: start, text: t });
  }
  if (buf.trim() !== '' && !buf.trim().startsWith('#')) out.push({ line: start, text: buf.trim() });
  return out;
}

export interface RawOption {
  readonly name: string;
  /** Undefined when the option has no `:`. */
  readonly value: string | undefined;
  /** 1-based column of the option name within the logical line. */
  readonly col: number;
}

export interface RawRule {
  /** Header tokens: action, protocol, src, sport, direction, dst, dport. */
  readonly header: string[];
  /** 1-based columns of the header tokens. */
  readonly headerCols: number[];
  readonly options: RawOption[];
  /** Column of `(`. */
  readonly optionsCol: number;
}

/** Split a logical line into header tokens (brackets may hold spaces) and raw options. */
export function splitRule(text: string): RawRule {
  const open = text.indexOf('(');
  if (open < 0) syntaxError('missing "(" that starts the rule options', 'syntax: no options');
  const header: string[] = [];
  const headerCols: number[] = [];
  let depth = 0;
  let tok = '';
  let tokStart = 0;
  for (let i = 0; i < open; i++) {
    const c = text[i] as string;
    const code = c.charCodeAt(0);
    if (code === 0x5b /* [ */) depth++;
    if (code === 0x5d /* ] */) depth--;
    if ((code === 0x20 || (code >= 0x09 && code <= 0x0d)) && depth <= 0) {
      if (tok !== '') {
        header.push(tok);
        headerCols.push(tokStart + 1);
      }
      tok = '';
      continue;
    }
    if (tok === '') tokStart = i;
    tok += c;
  }
  if (tok !== '') {
    header.push(tok);
    headerCols.push(tokStart + 1);
  }
  const end = text.lastIndexOf(')');
  if (end < open || text.slice(end + 1).trim() !== '') {
    syntaxError('the rule options must end with ")"', 'syntax: unterminated options', text.length);
  }
  return { header, headerCols, options: splitOptions(text, open + 1, end), optionsCol: open + 1 };
}

function splitOptions(text: string, from: number, to: number): RawOption[] {
  const out: RawOption[] = [];
  let start = from;
  const emit = (end: number): void => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body === '') return;
    const colon = body.indexOf(':');
    const name = (colon < 0 ? body : body.slice(0, colon)).trim();
    const value = colon < 0 ? undefined : body.slice(colon + 1).trim();
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
      syntaxError(`bad option name "${name}"`, 'syntax: bad option name', start + lead + 1);
    }
    out.push({ name, value, col: start + lead + 1 });
  };
  // Jump from ";" to ";" and skip the escaped ones (an odd run of backslashes before it).
  for (let i = text.indexOf(';', from); i >= 0 && i < to; i = text.indexOf(';', i + 1)) {
    let bs = 0;
    while (i - 1 - bs >= start && text.charCodeAt(i - 1 - bs) === 0x5c) bs++;
    if (bs % 2 === 1) continue;
    emit(i);
    start = i + 1;
  }
  // The last option may omit its ";" (Suricata accepts `(msg:"x"; sid:1)`).
  emit(to);
  return out;
}
