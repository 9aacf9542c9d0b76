/**
 * PCRE (as Suricata compiles it: 8-bit, no UTF, C locale, LF newline) → JavaScript RegExp, exactly
 * or not at all. Payloads are searched as latin1 strings (one char per byte), so a translation is
 * accepted only where the JS pattern matches the same bytes PCRE would. Exact rewrites we make:
 *
 * - `.` without `s` → `[^\n]` (JS `.` also stops at \r, \u2028, \u2029; PCRE only at \n).
 * - `$` without `m`/`E` → `(?=\n?$)` (PCRE `$` also matches before a final newline); with `m`,
 *   `^`/`$` → LF-only lookarounds (JS multiline also breaks at \r). `E` (dollar-end-only) is JS's `$`.
 * - `\A` → `(?<![\s\S])`, `\z` → `(?![\s\S])`, `\Z` → `(?=\n?(?![\s\S]))` (subject start/end).
 * - `\s` → `[\t\n\v\f\r ]` (JS `\s` also matches 0xA0), `\S` likewise; `\v`, `\h`, `\H` → their PCRE
 *   classes; `\e` → `\x1b`; `\a` → `\x07`; `\xH` → `\x0H`; `(?P<n>` → `(?<n>`; `(?P=n)` → `\k<n>`;
 *   `(?#...)` comments dropped; `x` flag: unescaped whitespace and `#` comments outside classes dropped;
 *   leading inline flags `(?i)`/`(?s)`/`(?m)`/`(?x)` become flags; later inline flags that change
 *   nothing (`(?i:` in an /i pattern) become `(?:` or vanish; `A` (anchored) → sticky `y`;
 *   `G` (ungreedy) swaps greedy and lazy quantifiers;
 *   `[]...]` (PCRE: `]` first in a class is literal) → `[\]...]`; non-ASCII chars → their UTF-8 bytes.
 * - a scoped `(?i:...)` in a case-sensitive pattern (Node 20's RegExp has no modifier groups)
 *   → `(?:...)` with every ASCII letter `c` written `[cC]`, when the group holds only literals,
 *   escapes, groups, alternation and quantifiers (no class with a letter, no backreference, no
 *   nested inline flags): `(?i:<\/applet>)` → `(?:<\/[aA][pP][pP][lL][eE][tT]>)`.
 *
 * Atomic groups `(?>X)` and possessive quantifiers `X*+` become `(?:(?=(X))\N)` (exact: JS lookaheads
 * are atomic) when the pattern has no backreferences by number (the added group renumbers later
 * groups; named backreferences are unaffected).
 *
 * Everything else PCRE has and JS lacks or reads differently is reported with the construct named:
 * possessive quantifiers and atomic groups in patterns with numbered backreferences, `\G \K \Q \E \R \X \C
 * \p \P \g{name} \l \u \L \U \N`, inline flags after the start that change a flag, conditionals,
 * recursion, POSIX classes, `\x{...}`, backreferences to missing groups. Finally `new RegExp` must
 * accept the result.
 * Known residual difference (documented, not detectable from the pattern alone): with `i`, JS folds
 * latin1 letters (é/É) where PCRE in the C locale folds ASCII only.
 */

export interface PcreTranslation {
  readonly ok: true;
  readonly source: string;
  readonly flags: string;
}
export interface PcreRejection {
  readonly ok: false;
  readonly reason: string;
}

const WS = '\\t\\n\\v\\f\\r ';

export function translatePcre(pattern: string, pcreFlags: string): PcreTranslation | PcreRejection {
  let i = pcreFlags.includes('i');
  let s = pcreFlags.includes('s');
  let m = pcreFlags.includes('m');
  let x = pcreFlags.includes('x');
  const dollarEndOnly = pcreFlags.includes('E');
  const anchored = pcreFlags.includes('A');
  // G (ungreedy) swaps greedy and lazy for every quantifier: `a*` → `a*?`, `a*?` → `a*`.
  const ungreedy = pcreFlags.includes('G');

  let p = 0;
  // Leading inline flags: (?i) (?si) ... apply to the whole pattern.
  for (;;) {
    const lead = /^\(\?([imsx]+)\)/.exec(pattern.slice(p));
    if (!lead || lead[1] === undefined) break;
    if (lead[1].includes('i')) i = true;
    if (lead[1].includes('s')) s = true;
    if (lead[1].includes('m')) m = true;
    if (lead[1].includes('x')) x = true;
    p += lead[0].length;
  }

  if (!i) {
    const scoped = expandScopedNocase(pattern, p);
    if (typeof scoped !== 'string') return scoped;
    pattern = scoped;
  }
  const groups = countGroups(pattern);
  // Atomic groups and possessive quantifiers are emulated exactly as (?:(?=(X))\N): a JS lookahead
  // is atomic, and the backreference consumes what it captured. The extra capture group renumbers
  // the groups after it, so this is done only when the pattern has no backreference by number
  // (by name, `(?P=n)` / `\k<n>`, is unaffected).
  const hasBackrefs = /\\[1-9]|\\g/.test(pattern);
  let capCount = 0;
  const stack: { outPos: number; cap: number; atomic: boolean }[] = [];
  let lastAtom: { outPos: number; cap: number } | undefined;
  let quantAtom: { outPos: number; cap: number } | undefined;
  let out = '';
  const atom = (): void => {
    lastAtom = { outPos: out.length, cap: capCount };
  };
  const emitQuantifier = (q: string): void => {
    quantAtom = lastAtom;
    out += q;
    p += q.length;
    if (ungreedy) {
      if (pattern[p] === '?') p++;
      else if (pattern[p] !== '+') out += '?';
    }
    afterQuantifier = true;
  };
  let inClass = false;
  let classStart = false;
  let afterQuantifier: boolean = false;
  const reject = (reason: string): PcreRejection => ({ ok: false, reason });

  while (p < pattern.length) {
    const c = pattern[p] as string;
    const wasQuant: boolean = afterQuantifier;
    afterQuantifier = false;

    if (c === '\\') {
      const n = pattern[p + 1];
      if (n === undefined) return reject('pattern ends with a lone backslash');
      const esc = translateEscape(pattern, p, inClass, groups);
      if (!esc.ok) return esc;
      if (!inClass) atom();
      out += esc.source;
      p += esc.length;
      classStart = false;
      continue;
    }

    if (inClass) {
      if (c === '[' && pattern[p + 1] === ':') {
        return reject(`POSIX character class "${pattern.slice(p, pattern.indexOf(':]', p) + 2 || p + 2)}"`);
      }
      if (c === ']' && classStart) {
        out += '\\]';
        classStart = false;
        p++;
        continue;
      }
      classStart = false;
      if (c === ']') {
        inClass = false;
        out += c;
        p++;
        continue;
      }
      const code = c.charCodeAt(0);
      if (code > 0x7f) return reject(`non-ASCII character "${c}" inside a character class`);
      out += c;
      p++;
      continue;
    }

    if (x && /\s/.test(c)) {
      p++;
      afterQuantifier = wasQuant;
      continue;
    }
    if (x && c === '#') {
      while (p < pattern.length && pattern[p] !== '\n') p++;
      afterQuantifier = wasQuant;
      continue;
    }

    switch (c) {
      case '[':
        atom();
        inClass = true;
        classStart = true;
        out += '[';
        p++;
        if (pattern[p] === '^') {
          out += '^';
          p++;
        }
        continue;
      case '(': {
        if (pattern[p + 1] !== '?') {
          stack.push({ outPos: out.length, cap: capCount++, atomic: false });
          out += '(';
          p++;
          continue;
        }
        const rest = pattern.slice(p + 2);
        if (/^[:=!]/.test(rest) || /^<[=!]/.test(rest)) {
          const len = rest.startsWith('<') ? 4 : 3;
          stack.push({ outPos: out.length, cap: capCount, atomic: false });
          out += pattern.slice(p, p + len);
          p += len;
          continue;
        }
        if (rest.startsWith('>') && !hasBackrefs) {
          stack.push({ outPos: out.length, cap: capCount++, atomic: true });
          out += '(?:(?=(';
          p += 3;
          continue;
        }
        const named = /^(?:P?<([A-Za-z_][A-Za-z0-9_]*)>)/.exec(rest);
        if (named) {
          stack.push({ outPos: out.length, cap: capCount++, atomic: false });
          out += `(?<${named[1]}>`;
          p += 2 + named[0].length;
          continue;
        }
        const backref = /^P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(rest);
        if (backref) {
          atom();
          out += `\\k<${backref[1]}>`;
          p += 2 + backref[0].length;
          continue;
        }
        if (rest.startsWith('#')) {
          const close = pattern.indexOf(')', p);
          if (close < 0) return reject('unterminated (?# comment');
          p = close + 1;
          afterQuantifier = wasQuant;
          continue;
        }
        if (rest.startsWith('>')) return reject('atomic group "(?>" in a pattern with backreferences');
        if (rest.startsWith('|')) return reject('branch-reset group "(?|" has no JavaScript equivalent');
        if (rest.startsWith('(')) return reject('conditional group "(?(" has no JavaScript equivalent');
        if (/^(?:R|[+-]?\d|&|P>)/.test(rest))
          return reject('recursion/subroutine call has no JavaScript equivalent');
        const inline = /^([imsx]*)(?:-([imsx]+))?([:)])/.exec(rest);
        if (inline) {
          // No effective change (every flag set is already on, every flag cleared already off):
          // `(?i:` in an /i pattern is just `(?:`, and `(?i)` can be dropped.
          const cur: Record<string, boolean> = { i, s, m, x };
          const on = [...(inline[1] ?? '')].every((f) => cur[f]);
          const off = [...(inline[2] ?? '')].every((f) => !cur[f]);
          if (on && off) {
            if (inline[3] === ':') {
              stack.push({ outPos: out.length, cap: capCount, atomic: false });
              out += '(?:';
            } else afterQuantifier = wasQuant;
            p += 2 + inline[0].length;
            continue;
          }
        }
        if (/^[a-zA-Z-]*[:)]/.test(rest)) {
          return reject(
            `inline flags "(?${rest.slice(0, rest.search(/[:)]/) + 1)}" after the start of the pattern`,
          );
        }
        if (rest.startsWith("'")) return reject(`named group syntax "(?'name'" (use (?<name>)`);
        return reject(`unknown group syntax "(?${rest.slice(0, 3)}"`);
      }
      case ')': {
        const g = stack.pop();
        if (!g) return reject('unmatched ")"');
        out += g.atomic ? `))\\${g.cap + 1})` : ')';
        lastAtom = { outPos: g.outPos, cap: g.cap };
        p++;
        continue;
      }
      case '.':
        atom();
        out += s ? '[\\s\\S]' : '[^\\n]';
        p++;
        continue;
      case '$':
        atom();
        if (m) out += '(?=\\n|(?![\\s\\S]))';
        else if (dollarEndOnly) out += '$';
        else out += '(?=\\n?(?![\\s\\S]))';
        p++;
        continue;
      case '^':
        atom();
        // PCRE's multiline ^ does not match after a newline that ends the subject.
        out += m ? '(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))' : '^';
        p++;
        continue;
      case '*':
      case '+':
      case '?':
        if (wasQuant && c === '+') {
          if (hasBackrefs || !quantAtom) {
            return reject(
              `possessive quantifier "${pattern.slice(p - 1, p + 1)}" in a pattern with backreferences`,
            );
          }
          const body = out.slice(quantAtom.outPos);
          out = `${out.slice(0, quantAtom.outPos)}(?:(?=(${body}))\\${quantAtom.cap + 1})`;
          capCount++;
          p++;
          continue;
        }
        if (wasQuant && c === '?') {
          out += '?';
          p++;
          continue;
        }
        emitQuantifier(c);
        continue;
      case '{': {
        const q = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(p));
        if (q) {
          emitQuantifier(q[0]);
          continue;
        }
        atom();
        out += '\\{';
        p++;
        continue;
      }
      default: {
        atom();
        const code = c.charCodeAt(0);
        if (code > 0x7f) {
          out += `(?:${[...Buffer.from(c, 'utf8')].map((b) => '\\x' + b.toString(16).padStart(2, '0')).join('')})`;
        } else out += c;
        p++;
      }
    }
  }
  if (inClass) return reject('unterminated character class');
  const flags = (i ? 'i' : '') + (anchored ? 'y' : '');
  try {
    new RegExp(out, flags);
  } catch (e) {
    return reject(`JavaScript rejects the pattern: ${(e as Error).message}`);
  }
  return { ok: true, source: out, flags };
}

/** A letter as a class of both cases: `a` → `[aA]`; anything else as it is. */
function bothCases(c: string): string {
  return /^[A-Za-z]$/.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
}

/**
 * Rewrite every `(?i:...)` group from `from` on whose content allows it (see the header) into a
 * case-expanded `(?:...)`. A group whose content does not allow it is left as it is (the
 * translation then rejects it, naming the construct); an unterminated one is a rejection.
 */
function expandScopedNocase(pattern: string, from: number): string | PcreRejection {
  let out = pattern.slice(0, from);
  let p = from;
  while (p < pattern.length) {
    const c = pattern[p] as string;
    if (c === '\\') {
      out += pattern.slice(p, p + 2);
      p += 2;
      continue;
    }
    if (c === '[') {
      const end = classEnd(pattern, p);
      if (end < 0) return out + pattern.slice(p); // the translation reports it
      out += pattern.slice(p, end + 1);
      p = end + 1;
      continue;
    }
    if (!pattern.startsWith('(?i:', p)) {
      out += c;
      p++;
      continue;
    }
    const body = scopedBody(pattern, p + 4);
    if (body === undefined) return { ok: false, reason: 'unterminated "(?i:" group' };
    if (body.expanded === undefined) {
      out += pattern.slice(p, body.end + 1); // left for the translation to name
    } else out += `(?:${body.expanded})`;
    p = body.end + 1;
  }
  return out;
}

/** Index of the `]` closing the class opened at `open` (PCRE: a `]` first is literal), or -1. */
function classEnd(pattern: string, open: number): number {
  let q = open + 1;
  if (pattern[q] === '^') q++;
  if (pattern[q] === ']') q++;
  for (; q < pattern.length; q++) {
    if (pattern[q] === '\\') q++;
    else if (pattern[q] === ']') return q;
  }
  return -1;
}

/**
 * The content of a `(?i:` group starting at `start`: where its `)` is, and the content with its
 * letters case-expanded, or `expanded` undefined when the content holds something this does not
 * rewrite. Undefined when the group is not closed.
 */
function scopedBody(pattern: string, start: number): { end: number; expanded?: string } | undefined {
  let depth = 0;
  let out = '';
  let simple = true;
  for (let q = start; q < pattern.length; q++) {
    const c = pattern[q] as string;
    if (c === '\\') {
      const next = pattern[q + 1] ?? '';
      const hex = /^x([0-9A-Fa-f]{2})/.exec(pattern.slice(q + 1));
      if (hex) {
        const ch = String.fromCharCode(parseInt(hex[1] as string, 16));
        out += /^[A-Za-z]$/.test(ch) ? bothCases(ch) : `\\${hex[0]}`;
        q += hex[0].length;
        continue;
      }
      // backreferences would compare case-sensitively; \Q..\E, \p, \g, \k: not rewritten
      if (/[1-9gkQEpPcNxo]/.test(next)) simple = false;
      out += c + next;
      q++;
      continue;
    }
    if (c === '[') {
      const end = classEnd(pattern, q);
      if (end < 0) return undefined;
      const cls = pattern.slice(q, end + 1);
      if (/[A-Za-z]/.test(cls.replace(/\\[dDsSwWtnrfv]/g, ''))) simple = false;
      out += cls;
      q = end;
      continue;
    }
    if (c === '(') {
      if (pattern[q + 1] === '?' && !pattern.startsWith('(?:', q)) simple = false; // flags, names, lookarounds
      depth++;
      out += c;
      continue;
    }
    if (c === ')') {
      if (depth === 0) return { end: q, expanded: simple ? out : undefined };
      depth--;
      out += c;
      continue;
    }
    if (c === '{') {
      const quant = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(q));
      if (quant) {
        out += quant[0];
        q += quant[0].length - 1;
        continue;
      }
    }
    out += bothCases(c);
  }
  return undefined;
}

function countGroups(pattern: string): number {
  let n = 0;
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (c === '[') {
      const end = classEnd(pattern, k); // (a `]` first in the class is literal)
      if (end < 0) break;
      k = end;
    } else if (c === '(' && (pattern[k + 1] !== '?' || /^\(\?P?<[A-Za-z_]/.test(pattern.slice(k)))) n++;
  }
  return n;
}

type EscapeResult = { ok: true; source: string; length: number } | PcreRejection;

function translateEscape(pattern: string, p: number, inClass: boolean, groups: number): EscapeResult {
  const n = pattern[p + 1] as string;
  const ok = (source: string, length = 2): EscapeResult => ({ ok: true, source, length });
  const cls = (body: string, negated: boolean): EscapeResult => {
    if (!inClass) return ok(`[${negated ? '^' : ''}${body}]`);
    if (negated)
      return { ok: false, reason: `"\\${n}" inside a character class has no exact JavaScript form` };
    return ok(body);
  };
  switch (n) {
    case 'd':
    case 'D':
    case 'w':
    case 'W':
    case 'n':
    case 'r':
    case 't':
    case 'f':
      return ok('\\' + n);
    case 'b':
    case 'B':
      return ok('\\' + n);
    case 's':
      return cls(WS, false);
    case 'S':
      return cls(WS, true);
    case 'v':
      return cls('\\n\\x0b\\f\\r\\x85', false);
    case 'V':
      return cls('\\n\\x0b\\f\\r\\x85', true);
    case 'h':
      return cls('\\t \\xa0', false);
    case 'H':
      return cls('\\t \\xa0', true);
    case 'A':
    case 'z':
    case 'Z':
      if (inClass) return { ok: false, reason: `"\\${n}" inside a character class` };
      // Subject start, subject end, end or before a final newline: exact lookarounds.
      return ok(n === 'A' ? '(?<![\\s\\S])' : n === 'z' ? '(?![\\s\\S])' : '(?=\\n?(?![\\s\\S]))');
    case 'e':
      return ok('\\x1b');
    case 'a':
      return ok('\\x07');
    case 'c': {
      const ch = pattern[p + 2];
      if (ch === undefined || !/[A-Za-z]/.test(ch))
        return { ok: false, reason: `"\\c${ch ?? ''}" control escape` };
      return ok('\\c' + ch, 3);
    }
    case 'x': {
      if (pattern[p + 2] === '{') return { ok: false, reason: '"\\x{...}" escape (write \\xHH)' };
      const h = /^[0-9a-fA-F]{1,2}/.exec(pattern.slice(p + 2));
      if (!h) return ok('\\x00', 2);
      return ok('\\x' + h[0].padStart(2, '0'), 2 + h[0].length);
    }
    case 'g': {
      // \gN, \g{N}: numbered backreference (relative \g{-N} and named \g{name} are not mapped).
      const g = /^g(?:\{(\d+)\}|(\d+))/.exec(pattern.slice(p + 1));
      const num = g ? (g[1] ?? g[2]) : undefined;
      if (!g || num === undefined || inClass)
        return { ok: false, reason: `"\\g" escape in a form JavaScript lacks` };
      if (Number(num) > groups)
        return { ok: false, reason: `"\\g${num}" refers to a group the pattern does not have` };
      return ok(`(?:\\${num})`, 1 + g[0].length);
    }
    case 'k': {
      const named = /^k<([A-Za-z_][A-Za-z0-9_]*)>/.exec(pattern.slice(p + 1));
      if (named && !inClass) return ok(`\\k<${named[1]}>`, 1 + named[0].length);
      return { ok: false, reason: `"\\k" escape in a form JavaScript lacks` };
    }
    case '0': {
      const o = /^0[0-7]{0,2}/.exec(pattern.slice(p + 1)) as RegExpExecArray;
      const v = parseInt(o[0], 8);
      return ok('\\x' + v.toString(16).padStart(2, '0'), 1 + o[0].length);
    }
    default:
      break;
  }
  if (/[1-9]/.test(n)) {
    const d = /^[1-9]\d*/.exec(pattern.slice(p + 1)) as RegExpExecArray;
    if (inClass) return { ok: false, reason: `octal escape "\\${d[0]}" inside a character class` };
    if (Number(d[0]) > groups) {
      return { ok: false, reason: `"\\${d[0]}" refers to a group the pattern does not have` };
    }
    return ok('\\' + d[0], 1 + d[0].length);
  }
  if (/[A-Za-z]/.test(n)) {
    return { ok: false, reason: `escape "\\${n}" has no JavaScript equivalent` };
  }
  if (n.charCodeAt(0) > 0x7f) return { ok: false, reason: `escaped non-ASCII character "${n}"` };
  // Escaped punctuation or whitespace: a literal in both dialects.
  return ok(/[\s]/.test(n) ? n : '\\' + n);
}
