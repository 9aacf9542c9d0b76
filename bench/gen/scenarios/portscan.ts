/**
 * Port scan: one host probes one victim's ports (nmap -sS style): a SYN with nmap's fixed
 * window 1024 to each port in random order, a few ms apart; closed ports answer RST/ACK, open
 * ones SYN/ACK, which the scanner resets. Every probe is its own flow, labelled `portscan`.
 */
import { PROTO_TCP, TCP_ACK, TCP_RST, TCP_SYN, type PacketSpec } from '../frame.js';
import { addFlow, count, timed, withFlow, type ScenarioFn, type ScenarioOutput } from './common.js';

export const portscan: ScenarioFn = (ctx, startUs, spanUs, scale) => {
  const rng = ctx.rng;
  const o: ScenarioOutput = { packets: [], labels: [] };
  const attacker = ctx.client();
  const victim = ctx.server();
  const n = count(300, scale);
  const open = new Set([22, 80, 443]);
  const sport = rng.range(33000, 60000);
  let t = startUs + rng.int(Math.max(1, spanUs - n * 4000));
  for (let i = 0; i < n; i++) {
    const port = rng.range(1, 10000);
    const base = ctx.flow(attacker, victim, PROTO_TCP, port, { v6: false, vlan: 0 });
    const flow = withFlow(base, { port: [sport, port], win: [1024, base.win[1]] });
    const seq = rng.u32();
    const syn: PacketSpec = { flow, dir: 0, flags: TCP_SYN, seq, ack: 0, payload: null };
    const specs: PacketSpec[] = [syn];
    if (open.has(port)) {
      specs.push({ flow, dir: 1, flags: TCP_SYN | TCP_ACK, seq: rng.u32(), ack: seq + 1, payload: null });
      specs.push({ flow, dir: 0, flags: TCP_RST, seq: seq + 1, ack: 0, payload: null });
    } else {
      specs.push({ flow, dir: 1, flags: TCP_RST | TCP_ACK, seq: 0, ack: seq + 1, payload: null });
    }
    addFlow(
      o,
      'portscan',
      flow,
      timed(specs, t, () => rng.range(200, 900)),
    );
    t += rng.range(1000, 6000);
  }
  return o;
};
