/**
 * DNS (RFC 1035, AAAA RFC 3596) over UDP and over TCP (2-byte length prefix, RFC 7766): a query
 * and its answer, with CNAME chains, A/AAAA records, NXDOMAIN, and name compression pointers in
 * the answers. The known-bad-domain attack is a query planted here.
 */
import { BAD_DOMAIN, type AttackLog, type AttackPlan } from './attacks.js';
import type { GenContext } from './context.js';
import { PROTO_TCP, PROTO_UDP, type Flow, type PacketSpec } from './frame.js';
import { randomWord } from './hosts.js';
import { TcpConv } from './tcp-session.js';

const TYPE_A = 1;
const TYPE_CNAME = 5;
const TYPE_AAAA = 28;

class DnsBuf {
  private readonly b = Buffer.alloc(1024);
  len = 0;
  u8(v: number): this {
    this.b[this.len++] = v;
    return this;
  }
  u16(v: number): this {
    this.b.writeUInt16BE(v & 0xffff, this.len);
    this.len += 2;
    return this;
  }
  u32(v: number): this {
    this.b.writeUInt32BE(v >>> 0, this.len);
    this.len += 4;
    return this;
  }
  bytes(v: Uint8Array): this {
    this.b.set(v, this.len);
    this.len += v.length;
    return this;
  }
  /** Labels of `name`, ending in a root label, or in a pointer to `ptr` (the suffix is already there). */
  name(name: string, ptr = -1): this {
    if (name.length > 0)
      for (const label of name.split('.')) this.u8(label.length).bytes(Buffer.from(label, 'latin1'));
    return ptr >= 0 ? this.u16(0xc000 | ptr) : this.u8(0);
  }
  patchU16(off: number, v: number): void {
    this.b.writeUInt16BE(v, off);
  }
  done(): Buffer {
    return Buffer.from(this.b.subarray(0, this.len));
  }
}

interface Exchange {
  query: Buffer;
  answer: Buffer;
}

function exchange(ctx: GenContext, name: string, qtype: number): Exchange {
  const rng = ctx.rng;
  const id = rng.int(65536);
  const q = new DnsBuf().u16(id).u16(0x0100).u16(1).u16(0).u16(0).u16(0);
  q.name(name).u16(qtype).u16(1);
  const a = new DnsBuf().u16(id);
  const nx = name.endsWith(BAD_DOMAIN) ? rng.chance(0.5) : rng.chance(0.04);
  a.u16(nx ? 0x8183 : 0x8180).u16(1);
  const ancountOff = a.len;
  a.u16(0).u16(0).u16(0);
  const qnameOff = a.len; // 12
  a.name(name).u16(qtype).u16(1);
  let count = 0;
  if (!nx) {
    let target = qnameOff;
    if (rng.chance(0.35)) {
      // CNAME to a CDN name; the answers below point at the CNAME's target name
      const cname = `${randomWord(rng)}${rng.int(100)}.edge.${randomWord(rng)}cdn.net`;
      a.u16(0xc000 | qnameOff)
        .u16(TYPE_CNAME)
        .u16(1)
        .u32(rng.range(60, 3600));
      const rdlenOff = a.len;
      a.u16(0);
      const cnameOff = a.len;
      a.name(cname);
      a.patchU16(rdlenOff, a.len - cnameOff);
      target = cnameOff;
      count++;
    }
    const n = rng.range(1, 4);
    for (let i = 0; i < n; i++) {
      a.u16(0xc000 | target)
        .u16(qtype)
        .u16(1)
        .u32(rng.range(30, 600));
      if (qtype === TYPE_A) a.u16(4).bytes(ctx.server().v4);
      else a.u16(16).bytes(ctx.server().v6);
      count++;
    }
  }
  a.patchU16(ancountOff, count);
  return { query: q.done(), answer: a.done() };
}

function queryName(ctx: GenContext): string {
  const rng = ctx.rng;
  return rng.chance(0.8) ? ctx.server().name : `${randomWord(rng)}.${randomWord(rng)}${rng.int(1000)}.com`;
}

function resolverFlow(ctx: GenContext, proto: number): Flow {
  const rng = ctx.rng;
  const client = ctx.client();
  const resolver = rng.pick(ctx.net.resolvers);
  return ctx.flow(client, resolver, proto, 53);
}

/** One lookup over UDP (two when the client asks for A and AAAA, as stub resolvers do). */
export function dnsUdpSession(
  ctx: GenContext,
  attacks: AttackLog | null,
  plan: AttackPlan | null,
): PacketSpec[] {
  const rng = ctx.rng;
  const flow = resolverFlow(ctx, PROTO_UDP);
  const specs: PacketSpec[] = [];
  const name = plan ? `${randomWord(rng)}.${BAD_DOMAIN}` : queryName(ctx);
  const types = plan
    ? [TYPE_A]
    : rng.chance(0.4)
      ? [TYPE_A, TYPE_AAAA]
      : [flow.v6 && rng.chance(0.5) ? TYPE_AAAA : TYPE_A];
  const ex = types.map((t) => exchange(ctx, name, t));
  const mark = plan && attacks ? attacks.record(plan, flow).mark : undefined;
  for (const e of ex) specs.push({ flow, dir: 0, flags: 0, seq: 0, ack: 0, payload: e.query, mark });
  for (const e of ex) specs.push({ flow, dir: 1, flags: 0, seq: 0, ack: 0, payload: e.answer });
  return specs;
}

/** A lookup over TCP (as after a truncated UDP answer, or for zone data). */
export function dnsTcpSession(ctx: GenContext): PacketSpec[] {
  const rng = ctx.rng;
  const flow = resolverFlow(ctx, PROTO_TCP);
  const conv = new TcpConv(flow, rng).handshake();
  const ex = exchange(ctx, queryName(ctx), rng.chance(0.7) ? TYPE_A : TYPE_AAAA);
  const framed = (m: Buffer): Buffer => {
    const b = Buffer.alloc(m.length + 2);
    b.writeUInt16BE(m.length, 0);
    m.copy(b, 2);
    return b;
  };
  conv.send(0, framed(ex.query));
  conv.send(1, framed(ex.answer));
  conv.close(0, 'fin');
  return conv.specs;
}
