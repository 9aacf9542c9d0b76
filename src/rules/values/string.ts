/**
 * Quoted option values: `"..."` with the escapes the rule language allows inside them
 * (`\"`, `\;`, `\\`, and `\:` which Suricata also accepts). The option splitter (lexer.ts) keeps
 * escapes intact; each keyword decides whether to unescape (msg, content) or keep them (pcre, whose
 * escapes belong to the regex).
 */
import { badValue } from '../issues.js';

/** Strip one pair of surrounding double quotes; `required` makes a bare value an error. */
export function unquote(keyword: string, value: string, required: boolean): string {
  const v = value.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"') && !isEscaped(v, v.length - 1)) {
    return v.slice(1, -1);
  }
  if (v.startsWith('"')) badValue(keyword, `unterminated quoted value ${v}`);
  if (required) badValue(keyword, `expected a quoted value, got ${v}`);
  return v;
}

/** True when the character at `i` is preceded by an odd number of backslashes. */
export function isEscaped(s: string, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= 0 && s.charCodeAt(j) === 0x5c; j--) n++;
  return n % 2 === 1;
}

/** Resolve `\"`, `\;`, `\\`, `\:`; any other escape is an error (Suricata rejects them too). */
export function unescapeValue(keyword: string, s: string): string {
  if (!s.includes('\\') && !s.includes('"')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\') {
      const n = s[i + 1];
      if (n === '"' || n === ';' || n === '\\' || n === ':') {
        out += n;
        i++;
        continue;
      }
      badValue(keyword, `invalid escape "\\${n ?? ''}" (only \\" \\; \\\\ \\: are allowed)`);
    }
    if (c === '"') badValue(keyword, `unescaped '"' inside a quoted value`);
    out += c;
  }
  return out;
}
