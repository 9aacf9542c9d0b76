/**
 * DNS tunnelling / exfiltration: one host sends data to a tunnel domain as base32 labels in
 * long query names (TXT queries, ~150-230 byte names), each answered with a TXT record
 * carrying encoded data; a new source port per query (as through the system resolver). Each
 * query/answer is a flow, labelled `dnstunnel`.
 */
import { PROTO_UDP } from '../frame.js';
import { addFlow, count, type ScenarioFn, type ScenarioOutput } from './common.js';

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

function name(rng: { int(n: number): number }, len: number, domain: string): string {
  const labels: string[] = [];
  let left = len;
  while (left > 0) {
    const l = Math.min(63, left);
    let s = '';
    for (let i = 0; i < l; i++) s += B32[rng.int(32)];
    labels.push(s);
    left -= l + 1;
  }
  return `${labels.join('.')}.${domain}`;
}

function qname(n: string): Buffer {
  const parts = n.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'latin1')]));
  return Buffer.concat([...parts, Buffer.from([0])]);
}

export const dnstunnel: ScenarioFn = (ctx, startUs, spanUs, scale) => {
  const rng = ctx.rng;
  const o: ScenarioOutput = { packets: [], labels: [] };
  const host = ctx.client();
  const resolver = rng.pick(ctx.net.resolvers);
  const domain = `t${rng.int(1000)}.exfil-tunnel.net`;
  const n = count(300, scale);
  const gap = spanUs / (n + 1);
  for (let i = 0; i < n; i++) {
    const flow = ctx.flow(host, resolver, PROTO_UDP, 53, { v6: false, vlan: 0 });
    const id = rng.int(65536);
    const q = qname(name(rng, rng.range(150, 230), domain));
    const hdrQ = Buffer.from([id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1]);
    const tail = Buffer.from([0, 16, 0, 1]);
    const edns = Buffer.from([0, 0, 41, 0x10, 0, 0, 0, 0, 0, 0, 0]);
    const query = Buffer.concat([hdrQ, q, tail, edns]);
    const txtLen = rng.range(120, 250);
    const txt = Buffer.from(name(rng, txtLen, 'x').slice(0, txtLen), 'latin1');
    const hdrA = Buffer.from([id >> 8, id & 0xff, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
    const rr = Buffer.concat([
      Buffer.from([
        0xc0,
        0x0c,
        0,
        16,
        0,
        1,
        0,
        0,
        0,
        0,
        (txt.length + 1) >> 8,
        (txt.length + 1) & 0xff,
        txt.length,
      ]),
      txt,
    ]);
    const answer = Buffer.concat([hdrA, q, tail, rr]);
    const t = Math.round(startUs + gap * (i + rng.float()));
    addFlow(o, 'dnstunnel', flow, [
      { tsUs: t, spec: { flow, dir: 0, flags: 0, seq: 0, ack: 0, payload: query } },
      { tsUs: t + rng.range(3000, 60000), spec: { flow, dir: 1, flags: 0, seq: 0, ack: 0, payload: answer } },
    ]);
  }
  return o;
};
