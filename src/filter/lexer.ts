/**
 * Tokens of a pcap-filter(7) expression. Words run over letters, digits and `. : / - _ \`, so
 * addresses (`10.0.0.0/8`, `fe80::1`), ranges (`1-1024`) and escaped names (`\tcp`) are one token;
 * `and`/`or`/`not` and their `&&`/`||`/`!` spellings, and parentheses, are tokens of their own.
 * Every token keeps its 1-based column for error messages.
 */
export type TokenKind = 'word' | 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'eof' | 'bad';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 1-based column of the token's first character. */
  readonly col: number;
}

const WORD_CHAR = /[A-Za-z0-9_.:/\\-]/;

export function tokenize(expr: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const col = i + 1;
    if (c === '(') out.push({ kind: 'lparen', text: c, col });
    else if (c === ')') out.push({ kind: 'rparen', text: c, col });
    else if (c === '!' && expr[i + 1] !== '=') out.push({ kind: 'not', text: c, col });
    else if (c === '&' && expr[i + 1] === '&') {
      out.push({ kind: 'and', text: '&&', col });
      i++;
    } else if (c === '|' && expr[i + 1] === '|') {
      out.push({ kind: 'or', text: '||', col });
      i++;
    } else if (WORD_CHAR.test(c)) {
      let j = i;
      while (j < expr.length && WORD_CHAR.test(expr[j]!)) j++;
      const text = expr.slice(i, j);
      const kind: TokenKind = text === 'and' ? 'and' : text === 'or' ? 'or' : text === 'not' ? 'not' : 'word';
      out.push({ kind, text, col });
      i = j;
      continue;
    } else {
      // relational operators, byte offsets (`tcp[13]`), arithmetic: not supported
      let j = i + 1;
      while (j < expr.length && /[<>=!&|[\]+*%^~]/.test(expr[j]!)) j++;
      out.push({ kind: 'bad', text: expr.slice(i, j), col });
      i = j;
      continue;
    }
    i++;
  }
  out.push({ kind: 'eof', text: '', col: expr.length + 1 });
  return out;
}
