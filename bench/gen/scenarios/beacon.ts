/**
 * Beaconing command and control: a few infected hosts each call their C2 server on port 443
 * every P s (P 2-6 s per host, ±10% jitter): a short connection carrying one small encrypted
 * check-in (90-160 bytes) and one small answer (40-90 bytes), then FIN. Each check-in is a
 * flow, labelled `beacon`.
 */
import { PROTO_TCP } from '../frame.js';
import { TcpConv } from '../tcp-session.js';
import { addFlow, count, timed, type ScenarioFn, type ScenarioOutput } from './common.js';

export const beacon: ScenarioFn = (ctx, startUs, spanUs, scale) => {
  const rng = ctx.rng;
  const o: ScenarioOutput = { packets: [], labels: [] };
  const c2 = ctx.server();
  const hosts = count(6, scale);
  for (let h = 0; h < hosts; h++) {
    const bot = ctx.client();
    const periodUs = rng.range(2_000_000, 6_000_000);
    for (
      let t = startUs + rng.int(periodUs);
      t < startUs + spanUs;
      t += periodUs * (0.9 + 0.2 * rng.float())
    ) {
      const flow = ctx.flow(bot, c2, PROTO_TCP, 443, { v6: false, vlan: 0 });
      const c = new TcpConv(flow, rng)
        .handshake()
        .send(0, ctx.bin(rng.range(90, 160)))
        .send(1, ctx.bin(rng.range(40, 90)))
        .close(0);
      addFlow(
        o,
        'beacon',
        flow,
        timed(c.specs, Math.round(t), () => rng.range(2000, 20000)),
      );
    }
  }
  return o;
};
