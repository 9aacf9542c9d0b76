/**
 * ICMP (RFC 792) and ICMPv6 (RFC 4443): ping sessions (echo request/reply, Linux-style 56-byte
 * payload), and traceroutes whose UDP probes draw time-exceeded errors from the routers on the
 * way and a port-unreachable from the target; each error quotes the probe's IP header and UDP
 * datagram as the router received it (TTL 1, valid checksums).
 */
import type { GenContext } from './context.js';
import { buildFrame, MAX_FRAME_LEN, PROTO_ICMP, PROTO_ICMPV6, PROTO_UDP, type PacketSpec } from './frame.js';
import type { Server } from './hosts.js';

const ICMP_ECHO_REPLY = 0;
const ICMP_DEST_UNREACH = 3;
const ICMP_ECHO_REQUEST = 8;
const ICMP_TIME_EXCEEDED = 11;
const ICMPV6_ECHO_REQUEST = 128;
const ICMPV6_ECHO_REPLY = 129;
const TRACEROUTE_PORT = 33434;

export function pingSession(ctx: GenContext): PacketSpec[] {
  const rng = ctx.rng;
  const v6 = rng.chance(0.15);
  const flow = ctx.flow(ctx.client(), ctx.server(), v6 ? PROTO_ICMPV6 : PROTO_ICMP, 0, { v6 });
  const id = rng.int(65536);
  const data = Buffer.alloc(4 + 56);
  data.writeUInt16BE(id, 0);
  data.writeUInt32LE(Math.floor(ctx.nowUs / 1e6), 4);
  data.writeUInt32LE(rng.int(1e6), 8);
  for (let i = 16; i < 60; i++) data[i] = i - 4;
  const specs: PacketSpec[] = [];
  const n = rng.range(1, 5);
  for (let s = 1; s <= n; s++) {
    const payload = Buffer.from(data);
    payload.writeUInt16BE(s, 2);
    const [req, rep] = v6 ? [ICMPV6_ECHO_REQUEST, ICMPV6_ECHO_REPLY] : [ICMP_ECHO_REQUEST, ICMP_ECHO_REPLY];
    specs.push({ flow, dir: 0, flags: 0, seq: 0, ack: 0, payload, icmpType: req, icmpCode: 0 });
    if (!rng.chance(0.05))
      specs.push({ flow, dir: 1, flags: 0, seq: 0, ack: 0, payload, icmpType: rep, icmpCode: 0 });
  }
  return specs;
}

const scratch = new Uint8Array(MAX_FRAME_LEN);

export function tracerouteSession(ctx: GenContext): PacketSpec[] {
  const rng = ctx.rng;
  const client = ctx.client();
  const target = ctx.server();
  const vlan = rng.chance(0.05) ? 10 : 0;
  const specs: PacketSpec[] = [];
  const hops = Math.min(target.hops, 12);
  const sport = rng.range(33000, 60000);
  for (let ttl = 1; ttl <= hops; ttl++) {
    const last = ttl === hops;
    const probeFlow = ctx.flow(client, target, PROTO_UDP, TRACEROUTE_PORT + ttl - 1, { v6: false, vlan });
    (probeFlow.port as [number, number])[0] = sport;
    const probe: PacketSpec = {
      flow: probeFlow,
      dir: 0,
      flags: 0,
      seq: 0,
      ack: 0,
      payload: ctx.bin(32),
      ttl,
    };
    specs.push(probe);
    // the probe as the router saw it: TTL 1 (the IP id is the one the probe goes out with)
    const id = probeFlow.ipId[0];
    const ethLen = vlan ? 18 : 14;
    const len = buildFrame(scratch, 0, { ...probe, ttl: last ? Math.max(1, ttl - hops + 1) : 1 }, ctx.nowUs);
    probeFlow.ipId[0] = id;
    const quote = Buffer.concat([new Uint8Array(4), scratch.subarray(ethLen, len)]);
    const router: Server = last
      ? target
      : {
          name: '',
          v4: ctx.net.routers[(ttl - 1) % ctx.net.routers.length]!,
          v6: target.v6,
          mac: target.mac,
          ttl: 255,
          hops: ttl,
        };
    const errFlow = ctx.flow(client, router, PROTO_ICMP, 0, { v6: false, vlan });
    specs.push({
      flow: errFlow,
      dir: 1,
      flags: 0,
      seq: 0,
      ack: 0,
      payload: quote,
      icmpType: last ? ICMP_DEST_UNREACH : ICMP_TIME_EXCEEDED,
      icmpCode: last ? 3 : 0,
    });
  }
  return specs;
}
