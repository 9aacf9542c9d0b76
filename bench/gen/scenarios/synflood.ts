/**
 * SYN flood: spoofed random sources send bare SYNs (window 512, as hping3 --flood -S) to one
 * web server; the server answers SYN/ACK and retransmits it after 1 s and 3 s (the handshake
 * never completes). Each spoofed source port is a flow, labelled `synflood`.
 */
import { PROTO_TCP, TCP_ACK, TCP_SYN, type PacketSpec } from '../frame.js';
import { addFlow, count, withFlow, type ScenarioFn, type ScenarioOutput } from './common.js';

export const synflood: ScenarioFn = (ctx, startUs, spanUs, scale) => {
  const rng = ctx.rng;
  const o: ScenarioOutput = { packets: [], labels: [] };
  const victim = ctx.server();
  const n = count(400, scale);
  const dur = Math.min(spanUs / 2, 3e6);
  const t0 = startUs + rng.int(Math.max(1, spanUs - dur - 4e6));
  for (let i = 0; i < n; i++) {
    const spoofed = ctx.client();
    const base = ctx.flow(spoofed, victim, PROTO_TCP, 80, { v6: false, vlan: 0 });
    const flow = withFlow(base, { port: [rng.range(1024, 65535), 80], win: [512, base.win[1]] });
    const seq = rng.u32();
    const sseq = rng.u32();
    const t = t0 + Math.round((i / n) * dur) + rng.int(500);
    const synack: PacketSpec = {
      flow,
      dir: 1,
      flags: TCP_SYN | TCP_ACK,
      seq: sseq,
      ack: seq + 1,
      payload: null,
    };
    addFlow(o, 'synflood', flow, [
      { tsUs: t, spec: { flow, dir: 0, flags: TCP_SYN, seq, ack: 0, payload: null } },
      { tsUs: t + rng.range(40, 200), spec: synack },
      { tsUs: t + 1_000_000 + rng.int(2000), spec: synack },
      { tsUs: t + 3_000_000 + rng.int(2000), spec: synack },
    ]);
  }
  return o;
};
