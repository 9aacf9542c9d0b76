/**
 * A recursive-descent parser for the common part of pcap-filter(7), with libpcap's semantics:
 *
 *   expr  := term (('and' | '&&' | 'or' | '||') term)*      and/or: EQUAL precedence, left to right
 *   term  := ('not' | '!') term | '(' expr ')' | primitive | id
 *   primitive := [proto] [dir] [type] id | proto | 'vlan' [id] | 'less' n | 'greater' n
 *   proto := ip | ip6 | arp | rarp | tcp | udp | sctp | icmp | icmp6 | igmp | ah | esp
 *   dir   := src | dst | src or dst | src and dst           type := host | net | port | portrange | proto
 *
 * A bare id inherits the qualifiers of the primitive before it (`host a or b` = `host a or host b`,
 * `tcp port 80 or 443`), through `not` too; after a parenthesis the qualifiers in force before it
 * apply again; after a protocol abbreviation (`tcp`), `vlan`, `less` or `greater` a bare id is an
 * error, as in libpcap. `vlan` moves the link-layer offsets of every test parsed after it by 4
 * bytes, whatever the and/or nesting (libpcap changes its offsets at parse time).
 */
import { ConfigError } from '../errors.js';
import { and, not, or, test, type FilterNode } from './ast.js';
import { tokenize, type Token } from './lexer.js';
import * as O from './opcodes.js';
import { IP_PROTOCOL_NAMES, parseIpv4, parseIpv6, parseNumber, prefixMask } from './values.js';

type ProtoQ =
  'ip' | 'ip6' | 'arp' | 'rarp' | 'tcp' | 'udp' | 'sctp' | 'icmp' | 'icmp6' | 'igmp' | 'ah' | 'esp';
type DirQ = 'src' | 'dst' | 'src or dst' | 'src and dst';
type TypeQ = 'host' | 'net' | 'port' | 'portrange' | 'proto';

/** Qualifiers in force for an id: undefined members are libpcap's defaults. */
interface Qual {
  readonly proto?: ProtoQ;
  readonly dir?: DirQ;
  readonly type?: TypeQ;
}
/** `null`: no qualifiers to inherit (after `tcp`, `vlan`, `less`, ...): a bare id is an error. */
type Ctx = Qual | null;

const PROTOS = new Set<string>([
  'ip',
  'ip6',
  'arp',
  'rarp',
  'tcp',
  'udp',
  'sctp',
  'icmp',
  'icmp6',
  'igmp',
  'ah',
  'esp',
]);
const TYPES = new Set<string>(['host', 'net', 'port', 'portrange', 'proto']);
/** libpcap keywords netsift does not implement: named in the error instead of "bad address". */
const UNSUPPORTED = new Set<string>([
  'ether',
  'fddi',
  'tr',
  'wlan',
  'link',
  'ppp',
  'slip',
  'gateway',
  'broadcast',
  'multicast',
  'inbound',
  'outbound',
  'len',
  'mpls',
  'pppoed',
  'pppoes',
  'geneve',
  'protochain',
  'decnet',
  'atalk',
  'aarp',
  'iso',
  'esis',
  'isis',
  'clnp',
  'stp',
  'ipx',
  'netbeui',
  'lat',
  'sca',
  'moprc',
  'mopdl',
  'llc',
  'ifname',
  'on',
  'rnr',
  'rulenum',
  'reason',
  'rset',
  'ruleset',
  'srnr',
  'subrulenum',
  'action',
  'type',
  'subtype',
  'dir',
  'addr1',
  'addr2',
  'addr3',
  'addr4',
  'ta',
  'ra',
  'vpi',
  'vci',
  'lane',
  'oamf4',
  'oamf4ec',
  'oamf4sc',
  'metac',
  'bcc',
  'sc',
  'ilmic',
  'connectmsg',
  'metaconnect',
  'radio',
  'carp',
  'vrrp',
  'pim',
  'icmp6type',
]);
const IP_PROTO_ABBREV: Readonly<Record<string, number>> = { tcp: 6, udp: 17, sctp: 132, ah: 51, esp: 50 };
const PORT_PROTOS: Readonly<Record<string, number>> = {
  tcp: O.PROTO_BIT_TCP,
  udp: O.PROTO_BIT_UDP,
  sctp: O.PROTO_BIT_SCTP,
};
const ALL_PORT_PROTOS = O.PROTO_BIT_TCP | O.PROTO_BIT_UDP | O.PROTO_BIT_SCTP;
const DIRS: Readonly<Record<DirQ, number>> = {
  src: O.DIR_SRC,
  dst: O.DIR_DST,
  'src or dst': O.DIR_SRC_OR_DST,
  'src and dst': O.DIR_SRC_AND_DST,
};
const MAX_DEPTH = 100;

export interface ParseOptions {
  /** How the expression was given, for messages (default `--bpf`). */
  option?: string;
}

export function parseFilter(expr: string, opts: ParseOptions = {}): FilterNode {
  return new Parser(expr, opts.option ?? '--bpf').parse();
}

class Parser {
  private readonly toks: Token[];
  private pos = 0;
  private depth = 0;
  /** Bytes added to the link-layer offsets by the `vlan` keywords parsed so far. */
  private shift = 0;

  constructor(
    private readonly expr: string,
    private readonly option: string,
  ) {
    this.toks = tokenize(expr);
  }

  parse(): FilterNode {
    if (this.peek().kind === 'eof')
      this.fail(this.peek(), 'empty expression (give a filter, or omit the option)');
    const { node } = this.parseExpr({});
    const t = this.peek();
    if (t.kind === 'rparen') this.fail(t, 'unexpected ")" (no "(" to close)');
    if (t.kind === 'bad')
      this.fail(t, `unsupported operator ${describe(t)} (byte offsets and comparisons are not supported)`);
    if (t.kind !== 'eof') this.fail(t, `expected "and" or "or", got ${describe(t)}`);
    return node;
  }

  private peek(k = 0): Token {
    return this.toks[Math.min(this.pos + k, this.toks.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private fail(t: Token, message: string): never {
    throw new ConfigError(`${this.option} "${this.expr}": at ${t.col}: ${message}`, {
      expression: this.expr,
      column: t.col,
      token: t.text,
    });
  }

  private parseExpr(ctx: Ctx): { node: FilterNode; q: Ctx } {
    if (++this.depth > MAX_DEPTH) this.fail(this.peek(), `expression nested deeper than ${MAX_DEPTH} levels`);
    let left = this.parseTerm(ctx);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'and' && t.kind !== 'or') break;
      this.next();
      const right = this.parseTerm(left.q);
      left = {
        node: t.kind === 'and' ? and(left.node, right.node) : or(left.node, right.node),
        q: right.q,
      };
    }
    this.depth--;
    return left;
  }

  private parseTerm(ctx: Ctx): { node: FilterNode; q: Ctx } {
    const t = this.peek();
    switch (t.kind) {
      case 'not': {
        this.next();
        if (++this.depth > MAX_DEPTH) this.fail(t, `expression nested deeper than ${MAX_DEPTH} levels`);
        const inner = this.parseTerm(ctx);
        this.depth--;
        return { node: not(inner.node), q: inner.q };
      }
      case 'lparen': {
        this.next();
        const inner = this.parseExpr(ctx);
        const close = this.peek();
        if (close.kind !== 'rparen')
          this.fail(close, `expected ")" to close the "(" at ${t.col}, got ${describe(close)}`);
        this.next();
        return { node: inner.node, q: ctx };
      }
      case 'word':
        return this.parsePrimitive(ctx);
      case 'rparen':
        this.fail(t, 'unexpected ")"');
      // falls through (fail never returns)
      case 'bad':
        this.fail(t, `unsupported operator ${describe(t)} (byte offsets and comparisons are not supported)`);
      // falls through
      default:
        this.fail(
          t,
          `expected a primitive (host, net, port, portrange, proto, tcp, udp, ip, vlan, ...), got ${describe(t)}`,
        );
    }
  }

  private parsePrimitive(ctx: Ctx): { node: FilterNode; q: Ctx } {
    const t = this.peek();
    const w = t.text;
    if (w === 'less' || w === 'greater') {
      this.next();
      const n = this.number(this.next(), 'a length in bytes', 0xffffffff);
      return { node: test(w === 'less' ? O.OP_LEN_LE : O.OP_LEN_GE, n), q: null };
    }
    if (w === 'vlan') {
      this.next();
      let id = O.VLAN_ANY;
      const v = this.peek();
      if (v.kind === 'word' && parseNumber(v.text) !== undefined)
        id = this.number(this.next(), 'a VLAN id', 4095);
      const node = test(O.OP_VLAN, this.shift, id);
      this.shift += 4;
      return { node, q: null };
    }
    if (UNSUPPORTED.has(w)) this.fail(t, `unsupported primitive "${w}"`);
    let proto: ProtoQ | undefined;
    if (PROTOS.has(w)) {
      this.next();
      proto = w as ProtoQ;
      const n = this.peek();
      const qualified = n.kind === 'word' && (n.text === 'src' || n.text === 'dst' || TYPES.has(n.text));
      if (!qualified) return { node: this.protoAbbrev(proto, t), q: null };
    }
    let dir: DirQ | undefined;
    const d = this.peek();
    if (d.kind === 'word' && (d.text === 'src' || d.text === 'dst')) {
      this.next();
      dir = d.text;
      const c = this.peek();
      const other = d.text === 'src' ? 'dst' : 'src';
      if (
        (c.kind === 'or' || c.kind === 'and') &&
        this.peek(1).kind === 'word' &&
        this.peek(1).text === other
      ) {
        this.next();
        this.next();
        dir = c.kind === 'or' ? 'src or dst' : 'src and dst';
      }
    }
    let type: TypeQ | undefined;
    const ty = this.peek();
    if (ty.kind === 'word' && TYPES.has(ty.text)) {
      this.next();
      type = ty.text as TypeQ;
    }
    if (proto === undefined && dir === undefined && type === undefined) {
      // a bare id: the qualifiers before it apply
      if (ctx === null) this.fail(t, `${describe(t)} has no qualifier (say host, net, port, ...)`);
      return { node: this.id(ctx), q: ctx };
    }
    const q: Qual = { proto, dir, type };
    return { node: this.id(q), q };
  }

  /** The id after qualifiers: a value, `not id`, or a parenthesised list of ids. */
  private id(q: Qual): FilterNode {
    const t = this.peek();
    if (t.kind === 'not') {
      this.next();
      return not(this.id(q));
    }
    if (t.kind === 'lparen') return this.parseTerm(q).node;
    if (t.kind !== 'word') this.fail(t, `expected ${this.expected(q)}, got ${describe(t)}`);
    if (PROTOS.has(t.text) || TYPES.has(t.text) || t.text === 'src' || t.text === 'dst') {
      this.fail(t, `expected ${this.expected(q)}, got ${describe(t)}`);
    }
    this.next();
    return this.value(q, t);
  }

  private expected(q: Qual): string {
    switch (q.type) {
      case 'port':
        return 'a port number';
      case 'portrange':
        return 'a port range (low-high)';
      case 'proto':
        return 'a protocol number or name';
      case 'net':
        return 'a network (address/len or address mask mask)';
      default:
        return 'an IPv4 or IPv6 address';
    }
  }

  private protoAbbrev(p: ProtoQ, t: Token): FilterNode {
    const s = this.shift;
    switch (p) {
      case 'ip':
        return test(O.OP_LINKPROTO, s, O.ETHERTYPE_IP);
      case 'ip6':
        return test(O.OP_LINKPROTO, s, O.ETHERTYPE_IPV6);
      case 'arp':
        return test(O.OP_LINKPROTO, s, O.ETHERTYPE_ARP);
      case 'rarp':
        return test(O.OP_LINKPROTO, s, O.ETHERTYPE_RARP);
      case 'icmp':
        return test(O.OP_IPPROTO4, s, 1);
      case 'igmp':
        return test(O.OP_IPPROTO4, s, 2);
      case 'icmp6':
        return test(O.OP_IPPROTO6, s, 58);
      default: {
        const n = IP_PROTO_ABBREV[p];
        if (n === undefined) this.fail(t, `unsupported primitive "${p}"`);
        return or(test(O.OP_IPPROTO4, s, n), test(O.OP_IPPROTO6, s, n));
      }
    }
  }

  private value(q: Qual, t: Token): FilterNode {
    switch (q.type) {
      case 'port':
      case 'portrange':
        return this.port(q, t);
      case 'proto':
        return this.ipProto(q, t);
      default:
        return this.address(q, t);
    }
  }

  private number(t: Token, what: string, max: number): number {
    const n = t.kind === 'word' ? parseNumber(t.text) : undefined;
    if (n === undefined) this.fail(t, `expected ${what}, got ${describe(t)}`);
    if (n > max) this.fail(t, `${what} must be at most ${max}, got ${t.text}`);
    return n;
  }

  private port(q: Qual, t: Token): FilterNode {
    let protos = ALL_PORT_PROTOS;
    let v4 = true;
    let v6 = true;
    if (q.proto === 'ip') v6 = false;
    else if (q.proto === 'ip6') v4 = false;
    else if (q.proto !== undefined) {
      const bit = PORT_PROTOS[q.proto];
      if (bit === undefined)
        this.fail(t, `"${q.proto}" does not apply to ${q.type} (tcp, udp, sctp, ip, ip6 do)`);
      protos = bit;
    }
    let lo: number;
    let hi: number;
    if (q.type === 'portrange') {
      const m = /^([^-]+)-([^-]+)$/.exec(t.text);
      if (!m) this.fail(t, `expected a port range (low-high), got ${describe(t)}`);
      lo = this.portNumber(m[1]!, t, 'port range');
      hi = this.portNumber(m[2]!, t, 'port range');
      if (lo > hi) [lo, hi] = [hi, lo];
    } else {
      lo = hi = this.portNumber(t.text, t, 'port number');
    }
    const dir = DIRS[q.dir ?? 'src or dst'];
    const s = this.shift;
    const parts: FilterNode[] = [];
    if (v4) parts.push(test(O.OP_PORT4, s, protos, dir, lo, hi));
    if (v6) parts.push(test(O.OP_PORT6, s, protos, dir, lo, hi));
    return or(...parts);
  }

  private portNumber(text: string, t: Token, what: string): number {
    const n = parseNumber(text);
    if (n === undefined) {
      this.fail(
        t,
        `expected a ${what}, got "${t.text}"${/^[a-z]/i.test(text) ? ' (service names are not supported)' : ''}`,
      );
    }
    if (n > 65535) this.fail(t, `a port must be at most 65535, got ${text}`);
    return n;
  }

  private ipProto(q: Qual, t: Token): FilterNode {
    if (q.dir !== undefined) this.fail(t, `"${q.dir}" does not apply to proto`);
    const name = t.text.startsWith('\\') ? t.text.slice(1) : t.text;
    const n = parseNumber(name) ?? IP_PROTOCOL_NAMES[name];
    if (n === undefined)
      this.fail(t, `expected a protocol number or name (\\tcp, \\udp, \\icmp, ...), got ${describe(t)}`);
    if (n > 255) this.fail(t, `a protocol number must be at most 255, got ${name}`);
    const s = this.shift;
    if (q.proto === undefined) return or(test(O.OP_IPPROTO4, s, n), test(O.OP_IPPROTO6, s, n));
    if (q.proto === 'ip') return test(O.OP_IPPROTO4, s, n);
    if (q.proto === 'ip6') return test(O.OP_IPPROTO6, s, n);
    return this.fail(t, `"${q.proto} proto" is not supported (ip proto, ip6 proto, proto)`);
  }

  private address(q: Qual, t: Token): FilterNode {
    const isNet = q.type === 'net';
    const text = t.text;
    const slash = text.indexOf('/');
    const addrText = slash >= 0 ? text.slice(0, slash) : text;
    let maskBits: number | undefined;
    if (slash >= 0) {
      if (!isNet) this.fail(t, `a /len mask is for networks only (say net ${text})`);
      const n = parseNumber(text.slice(slash + 1));
      if (n === undefined) this.fail(t, `expected a prefix length after "/", got "${text.slice(slash + 1)}"`);
      maskBits = n;
    }
    const dir = DIRS[q.dir ?? 'src or dst'];
    const s = this.shift;
    const v6 = parseIpv6(addrText);
    if (v6) {
      if (q.proto !== undefined && q.proto !== 'ip6') {
        this.fail(t, `"${q.proto}" does not apply to an ip6 ${isNet ? 'net' : 'host'}`);
      }
      const bits = maskBits ?? 128;
      if (bits > 128) this.fail(t, `an IPv6 prefix length must be at most 128, got ${bits}`);
      const mask = prefixMask(bits, 4);
      if (v6.some((w, i) => (w & ~mask[i]!) >>> 0 !== 0)) this.fail(t, `non-network bits set in "${text}"`);
      return test(O.OP_HOST6, s, dir, ...v6, ...mask);
    }
    const noQualifier = q.type === undefined && q.dir === undefined && q.proto === undefined;
    const whole = /^(\d+|0x[0-9a-fA-F]+)$/.test(addrText) ? parseNumber(addrText) : undefined;
    if (whole !== undefined && !isNet && slash < 0) {
      // a plain number is a 32-bit address (libpcap: `host 80` = 0.0.0.80), but not on its own
      if (noQualifier || whole > 0xffffffff) this.fail(t, `expected ${this.expected(q)}, got ${describe(t)}`);
      return this.host4(q, t, text, whole, 0xffffffff, dir, s);
    }
    const v4 = parseIpv4(addrText);
    if (!v4) {
      if (/^\d+$/.test(addrText) || !/^[A-Za-z]/.test(addrText))
        this.fail(t, `expected ${this.expected(q)}, got ${describe(t)}`);
      this.fail(t, `expected ${this.expected(q)}, got ${describe(t)} (host names are not resolved)`);
    }
    if (v4.bits < 32 && noQualifier) {
      this.fail(t, `expected ${this.expected(q)}, got ${describe(t)}`);
    }
    let bits = maskBits ?? v4.bits;
    if (isNet && this.peek().kind === 'word' && this.peek().text === 'mask') {
      if (maskBits !== undefined) this.fail(this.peek(), 'give either /len or mask, not both');
      this.next();
      const m = this.next();
      const mv = parseIpv4(m.text);
      if (!mv || mv.bits !== 32) this.fail(m, `expected a netmask (a.b.c.d), got ${describe(m)}`);
      return this.host4(q, t, text, v4.addr, mv.addr, dir, s);
    }
    if (bits > 32) this.fail(t, `an IPv4 prefix length must be at most 32, got ${bits}`);
    if (q.proto === 'ip6') this.fail(t, `"ip6" does not apply to an ip ${isNet ? 'net' : 'host'}`);
    bits = Math.max(0, bits);
    return this.host4(q, t, text, v4.addr, prefixMask(bits, 1)[0]!, dir, s);
  }

  private host4(
    q: Qual,
    t: Token,
    text: string,
    addr: number,
    mask: number,
    dir: number,
    s: number,
  ): FilterNode {
    if ((addr & ~mask) >>> 0 !== 0) this.fail(t, `non-network bits set in "${text}"`);
    const kinds: number[] = [];
    if (q.proto === undefined) kinds.push(O.HOST_KIND_IP, O.HOST_KIND_ARP, O.HOST_KIND_RARP);
    else if (q.proto === 'ip') kinds.push(O.HOST_KIND_IP);
    else if (q.proto === 'arp') kinds.push(O.HOST_KIND_ARP);
    else if (q.proto === 'rarp') kinds.push(O.HOST_KIND_RARP);
    else this.fail(t, `"${q.proto}" does not apply to ${q.type === 'net' ? 'net' : 'host'}`);
    return or(...kinds.map((k) => test(O.OP_HOST4, s, k, dir, addr, mask)));
  }
}

function describe(t: Token): string {
  return t.kind === 'eof' ? 'end of expression' : `"${t.text}"`;
}
