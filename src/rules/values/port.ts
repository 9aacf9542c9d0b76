/**
 * Port lists of the rule header (Suricata detect-engine-port.c, Snort 2.9 manual §3.2.4):
 *
 *   any | $VAR | 80 | 1024: | :1023 | 1000:2000 | !item | [item, item, ...]
 *
 * Same list semantics as addresses (positives, or everything, minus negatives); the result is a set
 * of intervals over 0..65535. An empty result is an error.
 */
import { badValue } from '../issues.js';
import type { VarLookup } from './address.js';
import { complement, contains, difference, type Interval, normalize } from './intervals.js';

const PORT_MAX = 65535n;

export interface PortSpec {
  readonly text: string;
  readonly any: boolean;
  readonly ranges: readonly Interval[];
}

export function parsePorts(text: string, lookup: VarLookup): PortSpec {
  const ranges = new PortParser(text, lookup, 0).parseTop();
  if (ranges.length === 0) badValue('port', `"${text}" matches no port`);
  const first = ranges[0];
  const any = ranges.length === 1 && !!first && first[0] === 0n && first[1] === PORT_MAX;
  return { text, any, ranges };
}

export function portContains(spec: PortSpec, port: number): boolean {
  return spec.any || contains(spec.ranges, BigInt(port));
}

class PortParser {
  private pos = 0;
  constructor(
    private readonly s: string,
    private readonly lookup: VarLookup,
    private readonly depth: number,
  ) {}

  parseTop(): Interval[] {
    const r = this.item();
    this.ws();
    if (this.pos !== this.s.length) this.fail(`unexpected "${this.s.slice(this.pos)}"`);
    return r;
  }

  private fail(msg: string): never {
    badValue('port', `"${this.s}": ${msg}`);
  }

  private ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos] as string)) this.pos++;
  }

  private item(): Interval[] {
    this.ws();
    const c = this.s[this.pos];
    if (c === '!') {
      this.pos++;
      return complement(this.item(), PORT_MAX);
    }
    if (c === '[') {
      this.pos++;
      const pos: Interval[] = [];
      const neg: Interval[] = [];
      let positives = 0;
      for (;;) {
        this.ws();
        const negated = this.s[this.pos] === '!';
        if (negated) this.pos++;
        const it = this.item();
        if (negated) neg.push(...it);
        else {
          positives++;
          pos.push(...it);
        }
        this.ws();
        const d = this.s[this.pos];
        if (d === ',') {
          this.pos++;
          continue;
        }
        if (d === ']') {
          this.pos++;
          break;
        }
        this.fail(d === undefined ? 'missing "]"' : `expected "," or "]" at "${this.s.slice(this.pos)}"`);
      }
      return difference(positives ? normalize(pos) : [[0n, PORT_MAX]], normalize(neg), PORT_MAX);
    }
    const start = this.pos;
    while (this.pos < this.s.length && !/[\s,\]![]/.test(this.s[this.pos] as string)) this.pos++;
    const tok = this.s.slice(start, this.pos);
    if (tok === '')
      this.fail(this.pos >= this.s.length ? 'unexpected end' : `unexpected "${this.s[this.pos]}"`);
    if (tok === 'any') return [[0n, PORT_MAX]];
    if (tok.startsWith('$')) {
      const name = tok.slice(1);
      const val = this.lookup(name);
      if (val === undefined) this.fail(`undefined variable $${name}`);
      if (this.depth > 16) this.fail(`variable $${name} nests too deeply (a cycle?)`);
      return new PortParser(val, this.lookup, this.depth + 1).parseTop();
    }
    const m = /^(\d*)(:?)(\d*)$/.exec(tok);
    if (!m || (m[1] === '' && m[3] === ''))
      this.fail(`"${tok}" is not a port, range, list, variable or "any"`);
    const lo = m[1] === '' ? 0 : Number(m[1]);
    const hi = m[2] === ':' ? (m[3] === '' ? 65535 : Number(m[3])) : lo;
    if (lo > 65535 || hi > 65535) this.fail(`port ${Math.max(lo, hi)} is above 65535`);
    if (lo > hi) this.fail(`range "${tok}" is reversed`);
    return [[BigInt(lo), BigInt(hi)]];
  }
}
