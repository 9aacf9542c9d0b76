/**
 * Address lists of the rule header (Suricata detect-engine-address.c, Snort 2.9 manual §3.2.3):
 *
 *   any | $VAR | 1.2.3.4 | 1.2.3.0/24 | 1.2.3.0/255.255.255.0 | 1.2.3.4-1.2.3.9 | 2001:db8::/32
 *   | !item | [item, item, ...]   (lists nest; `!` applies to the item or list after it)
 *
 * A list means (union of its positive items, or everything when it has none) minus (union of its
 * negated items), as Suricata evaluates it. The result is a set of IPv4 and IPv6 intervals. An
 * empty result (`!any`, `[1.2.3.4,!1.2.3.4]`) is an error, as in Suricata.
 */
import { badValue } from '../issues.js';
import { complement, contains, difference, type Interval, normalize } from './intervals.js';

export const V4_MAX = 0xffffffffn;
export const V6_MAX = (1n << 128n) - 1n;

export interface IpSet {
  readonly v4: readonly Interval[];
  readonly v6: readonly Interval[];
}

export interface AddressSpec {
  /** The text as written in the rule (variables unresolved). */
  readonly text: string;
  /** True when the set is every address (fast path for `any`). */
  readonly any: boolean;
  readonly set: IpSet;
}

/** Looks up `$NAME` (without the `$`); returns the variable's text or undefined. */
export type VarLookup = (name: string) => string | undefined;

const ANY: IpSet = { v4: [[0n, V4_MAX]], v6: [[0n, V6_MAX]] };

export function parseAddress(text: string, lookup: VarLookup): AddressSpec {
  const set = new AddrParser(text, lookup, 'address', 0).parseTop();
  if (set.v4.length === 0 && set.v6.length === 0) badValue('address', `"${text}" matches no address`);
  const any = isAny(set);
  return { text, any, set };
}

function isAny(s: IpSet): boolean {
  const a = s.v4[0];
  const b = s.v6[0];
  return (
    s.v4.length === 1 &&
    s.v6.length === 1 &&
    !!a &&
    !!b &&
    a[0] === 0n &&
    a[1] === V4_MAX &&
    b[0] === 0n &&
    b[1] === V6_MAX
  );
}

export function addressContains(spec: AddressSpec, ip: string): boolean {
  if (spec.any) return true;
  if (ip.includes(':')) {
    const v = parseIpv6(ip);
    return v !== undefined && contains(spec.set.v6, v);
  }
  const v = parseIpv4(ip);
  return v !== undefined && contains(spec.set.v4, v);
}

export function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

export function parseIpv6(s: string): bigint | undefined {
  let text = s;
  // Embedded IPv4 in the last 32 bits (::ffff:1.2.3.4): rewrite it as two hex groups.
  if (text.includes('.')) {
    const lastColon = text.lastIndexOf(':');
    const v4 = lastColon >= 0 ? parseIpv4(text.slice(lastColon + 1)) : undefined;
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const dbl = text.split('::');
  if (dbl.length > 2) return undefined;
  const parse = (t: string): bigint[] | undefined => {
    if (t === '') return [];
    const out: bigint[] = [];
    for (const g of t.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt(parseInt(g, 16)));
    }
    return out;
  };
  const head = parse(dbl[0] ?? '');
  const rest = dbl.length === 2 ? parse(dbl[1] ?? '') : [];
  if (!head || !rest) return undefined;
  const total = head.length + rest.length;
  let groups: bigint[];
  if (dbl.length === 2) {
    if (total > 7) return undefined;
    groups = [...head, ...Array<bigint>(8 - total).fill(0n), ...rest];
  } else {
    if (total !== 8) return undefined;
    groups = head;
  }
  let v = 0n;
  for (const g of groups) v = (v << 16n) | g;
  return v;
}

function prefixRange(base: bigint, prefix: number, bits: number): Interval {
  const hostBits = BigInt(bits - prefix);
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << hostBits) - 1n);
  const lo = base & mask;
  return [lo, lo | ((1n << hostBits) - 1n)];
}

class AddrParser {
  private pos = 0;
  constructor(
    private readonly s: string,
    private readonly lookup: VarLookup,
    private readonly what: string,
    private readonly depth: number,
  ) {}

  parseTop(): IpSet {
    const set = this.item();
    this.ws();
    if (this.pos !== this.s.length) this.fail(`unexpected "${this.s.slice(this.pos)}"`);
    return set;
  }

  private fail(msg: string): never {
    badValue(this.what, `"${this.s}": ${msg}`);
  }

  private ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos] as string)) this.pos++;
  }

  /** item := '!' item | '[' list ']' | atom */
  private item(): IpSet {
    this.ws();
    const c = this.s[this.pos];
    if (c === '!') {
      this.pos++;
      const inner = this.item();
      return { v4: complement([...inner.v4], V4_MAX), v6: complement([...inner.v6], V6_MAX) };
    }
    if (c === '[') {
      this.pos++;
      const pos4: Interval[] = [];
      const pos6: Interval[] = [];
      const neg4: Interval[] = [];
      const neg6: Interval[] = [];
      let positives = 0;
      for (;;) {
        this.ws();
        const negated = this.s[this.pos] === '!';
        if (negated) this.pos++;
        const it = this.item();
        if (negated) {
          neg4.push(...it.v4);
          neg6.push(...it.v6);
        } else {
          positives++;
          pos4.push(...it.v4);
          pos6.push(...it.v6);
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
      const p4 = positives ? normalize(pos4) : [...ANY.v4];
      const p6 = positives ? normalize(pos6) : [...ANY.v6];
      return { v4: difference(p4, normalize(neg4), V4_MAX), v6: difference(p6, normalize(neg6), V6_MAX) };
    }
    return this.atom();
  }

  private atom(): IpSet {
    const start = this.pos;
    while (this.pos < this.s.length && !/[\s,\]![]/.test(this.s[this.pos] as string)) this.pos++;
    const tok = this.s.slice(start, this.pos);
    if (tok === '')
      this.fail(this.pos >= this.s.length ? 'unexpected end' : `unexpected "${this.s[this.pos]}"`);
    if (tok === 'any') return ANY;
    if (tok.startsWith('$')) {
      const name = tok.slice(1);
      const val = this.lookup(name);
      if (val === undefined) this.fail(`undefined variable $${name}`);
      if (this.depth > 16) this.fail(`variable $${name} nests too deeply (a cycle?)`);
      return new AddrParser(val, this.lookup, this.what, this.depth + 1).parseTop();
    }
    return parseIpAtom(tok, (m) => this.fail(m));
  }
}

function parseIpAtom(tok: string, fail: (m: string) => never): IpSet {
  const dash = tok.indexOf('-');
  if (dash > 0) {
    const a = tok.slice(0, dash);
    const b = tok.slice(dash + 1);
    const v6 = a.includes(':');
    const lo = v6 ? parseIpv6(a) : parseIpv4(a);
    const hi = v6 ? parseIpv6(b) : parseIpv4(b);
    if (lo === undefined || hi === undefined || lo > hi) fail(`bad address range "${tok}"`);
    return v6 ? { v4: [], v6: [[lo, hi]] } : { v4: [[lo, hi]], v6: [] };
  }
  const slash = tok.indexOf('/');
  const ipText = slash >= 0 ? tok.slice(0, slash) : tok;
  const v6 = ipText.includes(':');
  const ip = v6 ? parseIpv6(ipText) : parseIpv4(ipText);
  if (ip === undefined) fail(`"${tok}" is not an address, list, variable or "any"`);
  const bits = v6 ? 128 : 32;
  let prefix = bits;
  if (slash >= 0) {
    const p = tok.slice(slash + 1);
    if (/^\d{1,3}$/.test(p) && Number(p) <= bits) prefix = Number(p);
    else if (!v6 && parseIpv4(p) !== undefined) {
      const bitsText = (parseIpv4(p) as bigint).toString(2).padStart(32, '0');
      if (!/^1*0*$/.test(bitsText)) fail(`bad netmask "${p}"`);
      prefix = bitsText.indexOf('0') < 0 ? 32 : bitsText.indexOf('0');
    } else fail(`bad prefix length "${p}"`);
  }
  const r = prefixRange(ip, prefix, bits);
  return v6 ? { v4: [], v6: [r] } : { v4: [r], v6: [] };
}
