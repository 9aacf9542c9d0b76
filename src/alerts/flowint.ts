/**
 * flowint state of one worker: named integers per flow (a flow lives in one worker, so this is
 * exact for any worker count). A rule's comparisons must hold for it to match; its =, + and -
 * then apply. Counters are 32-bit unsigned as Suricata's (wrapping), and are forgotten when the
 * flow ends.
 */
import type { FlowintSpec, Rule } from '../rules/types.js';

function compare(op: FlowintSpec['op'], a: number, b: number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return true;
  }
}

const MODIFIERS = new Set<FlowintSpec['op']>(['=', '+', '-']);

export class FlowintStore {
  private readonly flows = new Map<bigint, Map<string, number>>();

  private operand(vars: Map<string, number> | undefined, f: FlowintSpec): number | undefined {
    return f.other === undefined ? f.value : vars?.get(f.other);
  }

  /** Do the rule's comparisons hold on this flow? */
  checksHold(r: Rule, flowId: bigint): boolean {
    const vars = this.flows.get(flowId);
    for (const f of r.flowint ?? []) {
      if (MODIFIERS.has(f.op)) continue;
      const v = vars?.get(f.name);
      if (f.op === 'isset' || f.op === 'notset') {
        if ((v !== undefined) !== (f.op === 'isset')) return false;
        continue;
      }
      const b = this.operand(vars, f);
      if (v === undefined || b === undefined || !compare(f.op, v, b)) return false;
    }
    return true;
  }

  /** The rule matched: apply its =, + and -. */
  apply(r: Rule, flowId: bigint): void {
    for (const f of r.flowint ?? []) {
      if (!MODIFIERS.has(f.op)) continue;
      let vars = this.flows.get(flowId);
      if (!vars) this.flows.set(flowId, (vars = new Map()));
      const b = this.operand(vars, f);
      if (b === undefined) continue; // the other counter is not set: nothing to take
      const cur = vars.get(f.name) ?? 0;
      vars.set(f.name, (f.op === '=' ? b : f.op === '+' ? cur + b : cur - b) >>> 0);
    }
  }

  endFlow(flowId: bigint): void {
    this.flows.delete(flowId);
  }

  /** Flows holding counters (diagnostics, tests). */
  flowIds(): IterableIterator<bigint> {
    return this.flows.keys();
  }
}
