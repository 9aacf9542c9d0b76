/**
 * Shared pieces of the labelled attack scenarios (issue 8): timed packet specs (a scenario sets
 * its own clock, unlike benign sessions whose packets interleave at the link's pace), label
 * rows by 5-tuple and time window, and helpers that time a TcpConv's packets.
 */
import type { LabelRow } from '../../../src/ml/labels.js';
import type { GenContext } from '../context.js';
import { formatIp } from '../hosts.js';
import type { Flow, PacketSpec } from '../frame.js';

export interface TimedSpec {
  tsUs: number;
  spec: PacketSpec;
}

export interface ScenarioOutput {
  packets: TimedSpec[];
  labels: LabelRow[];
}

/**
 * A scenario: packets between startUs and startUs + spanUs, `scale` × its nominal count of flows
 * (different seeds and mixes change both).
 */
export type ScenarioFn = (ctx: GenContext, startUs: number, spanUs: number, scale: number) => ScenarioOutput;

/** A label row for one flow (exact 5-tuple) over [t0, t1] µs. */
export function flowLabel(label: string, flow: Flow, t0Us: number, t1Us: number): LabelRow {
  return {
    label,
    srcIp: formatIp(flow.ip[0]),
    srcPort: flow.port[0],
    destIp: formatIp(flow.ip[1]),
    destPort: flow.port[1],
    proto: flow.proto,
    startS: t0Us / 1e6,
    endS: t1Us / 1e6,
  };
}

/** Time `specs` from t0: each next packet `gap()` µs after the previous one. */
export function timed(specs: readonly PacketSpec[], t0Us: number, gap: () => number): TimedSpec[] {
  const out: TimedSpec[] = [];
  let t = t0Us;
  specs.forEach((spec, i) => {
    if (i > 0) t += Math.max(1, Math.round(gap()));
    out.push({ tsUs: t, spec });
  });
  return out;
}

/** Push the timed specs of one labelled flow. */
export function addFlow(o: ScenarioOutput, label: string, flow: Flow, specs: TimedSpec[]): void {
  if (specs.length === 0) return;
  o.packets.push(...specs);
  o.labels.push(flowLabel(label, flow, specs[0]!.tsUs, specs[specs.length - 1]!.tsUs));
}

/** A flow with its fields overridden (window, ports). */
export function withFlow(f: Flow, over: Partial<Flow>): Flow {
  return { ...f, ...over };
}

export function count(nominal: number, scale: number): number {
  return Math.max(4, Math.round(nominal * scale));
}

export function ctxRtt(ctx: GenContext): () => number {
  const base = ctx.rng.range(300, 3000);
  return () => base * (0.5 + ctx.rng.float());
}
