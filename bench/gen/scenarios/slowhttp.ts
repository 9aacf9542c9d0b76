/**
 * Slow HTTP denial of service (slowloris): many connections to one web server, each sending
 * an incomplete request and then one more header line every 5-15 s, never the blank line that
 * ends it; the server ACKs each and finally times the connection out with a RST. Each
 * connection is a flow, labelled `slowhttp`.
 */
import { PROTO_TCP } from '../frame.js';
import { TcpConv } from '../tcp-session.js';
import { addFlow, count, type ScenarioFn, type ScenarioOutput, type TimedSpec } from './common.js';

const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');

export const slowhttp: ScenarioFn = (ctx, startUs, spanUs, scale) => {
  const rng = ctx.rng;
  const o: ScenarioOutput = { packets: [], labels: [] };
  const attacker = ctx.client();
  const victim = ctx.server();
  const n = count(60, scale);
  for (let i = 0; i < n; i++) {
    const flow = ctx.flow(attacker, victim, PROTO_TCP, 80, { v6: false, vlan: 0 });
    const conv = new TcpConv(flow, rng)
      .handshake()
      .send(0, enc(`GET /?${rng.int(100000)} HTTP/1.1\r\nHost: ${victim.name}\r\n`));
    const lines = rng.range(3, 6);
    for (let k = 0; k < lines; k++) conv.send(0, enc(`X-a${rng.int(5000)}: ${rng.int(5000)}\r\n`));
    conv.close(1, 'rst');
    // handshake and first request at RTT pace; each later header line 5-15 s apart
    const out: TimedSpec[] = [];
    let t = startUs + rng.int(Math.max(1, spanUs / 4));
    let sent = 0;
    conv.specs.forEach((spec, j) => {
      if (j > 0) {
        const isLine = spec.dir === 0 && spec.payload !== null && spec.payload.length > 0;
        if (isLine) sent++;
        t += isLine && sent > 1 ? rng.range(5_000_000, 15_000_000) : rng.range(200, 2000);
        if (j === conv.specs.length - 1) t += rng.range(5_000_000, 10_000_000);
      }
      out.push({ tsUs: t, spec });
    });
    addFlow(o, 'slowhttp', flow, out);
  }
  return o;
};
