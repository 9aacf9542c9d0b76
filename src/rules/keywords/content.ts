/**
 * content: bytes to find in the current buffer (Suricata "Payload keywords" § content, Snort 2.9
 * §3.5.1). Text with `|41 42|` hex blocks; `!` in front negates; inside the quotes `\"`, `\;`,
 * `\\` and `\:` are escapes and a bare `"` or `;` is an error. Text is taken as UTF-8 bytes.
 * Modifiers (nocase, offset, depth, distance, within, fast_pattern, startswith, endswith, rawbytes)
 * attach to the content before them.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { ContentSpec } from '../types.js';
import { unquote } from '../values/string.js';
import { requireValue } from './util.js';
import {
  OP_CONTENT,
  PF_ENDSWITH,
  PF_NEGATED,
  PF_NOCASE,
  PF_RELATIVE,
  PF_RETRY,
  PF_STARTSWITH,
  type ProgramWriter,
} from '../compile/opcodes.js';

export const meta: KeywordMeta = {
  name: 'content',
  summary: 'bytes to find in the payload or current buffer; |hex| blocks, ! negates',
  syntax: 'content:[!]"<text|hex|text>";',
  example: 'content:"GET |2f|admin"; nocase;',
};

export interface ContentValue {
  readonly bytes: Uint8Array;
  readonly negated: boolean;
}

export function parse(value: string | undefined): ContentValue {
  let v = requireValue('content', value);
  const negated = v.startsWith('!');
  if (negated) v = v.slice(1).trim();
  if (!v.startsWith('"')) badValue('content', `expected a quoted string, got ${v}`);
  return { bytes: decodeContent(unquote('content', v, true)), negated };
}

/** Decode the text between the quotes into bytes. */
export function decodeContent(s: string): Uint8Array {
  const out: number[] = [];
  let text = '';
  const flush = (): void => {
    if (text === '') return;
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(text)) for (let k = 0; k < text.length; k++) out.push(text.charCodeAt(k));
    else for (const b of Buffer.from(text, 'utf8')) out.push(b);
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '\\') {
      const n = s[i + 1];
      if (n === '"' || n === ';' || n === '\\' || n === ':') {
        text += n;
        i += 2;
        continue;
      }
      badValue('content', `invalid escape "\\${n ?? ''}" (only \\" \\; \\\\ \\: are allowed; use |hex|)`);
    }
    if (c === '"') badValue('content', 'unescaped \'"\' inside the content (write \\" or |22|)');
    if (c === '|') {
      flush();
      const end = s.indexOf('|', i + 1);
      if (end < 0) badValue('content', `unterminated hex block "${s.slice(i)}"`);
      const hex = s.slice(i + 1, end).replace(/\s+/g, '');
      if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) badValue('content', `bad hex block "|${s.slice(i + 1, end)}|"`);
      for (let k = 0; k < hex.length; k += 2) out.push(parseInt(hex.slice(k, k + 2), 16));
      i = end + 1;
      continue;
    }
    text += c;
    i++;
  }
  flush();
  if (out.length === 0) badValue('content', 'is empty');
  return Uint8Array.from(out);
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: ContentValue) {
    const c: ContentSpec = {
      kind: 'content',
      bytes: spec.bytes,
      negated: spec.negated,
      buffer: rule.currentBuffer,
      nocase: false,
      rawbytes: false,
      startswith: false,
      endswith: false,
    };
    rule.matches.push(c);
    rule.lastContent = c;
  },
});

/**
 * Program form (assembly/verify/content.ts): offset, depth, distance, within as values, then the
 * pattern. `retry`: a later keyword of the buffer depends on where this content ends, so the
 * verifier tries its next occurrence when the rest fails (src/alerts/verify.ts laterRelative).
 */
export function encode(c: ContentSpec, w: ProgramWriter, retry: boolean): void {
  const relative = c.distance !== undefined || c.within !== undefined;
  w.op(
    OP_CONTENT,
    (relative ? PF_RELATIVE : 0) |
      (c.negated ? PF_NEGATED : 0) |
      (c.nocase ? PF_NOCASE : 0) |
      (c.startswith ? PF_STARTSWITH : 0) |
      (c.endswith ? PF_ENDSWITH : 0) |
      (retry ? PF_RETRY : 0),
  );
  w.value(c.offset);
  w.value(c.depth);
  w.value(c.distance);
  w.value(c.within);
  w.word(c.bytes.length);
  w.bytes(c.bytes);
}
