/**
 * xbits state of one worker: named bits per host (`track ip_src` / `ip_dst`: the address of the
 * data's sender / receiver) or per host pair (`ip_pair`, either order, as Suricata's IPPair
 * table), each with the capture time it expires at. A rule's isset / isnotset checks hold or the
 * rule does not match; only a matching rule then sets, unsets or toggles (as flowbits).
 *
 * Like by_src thresholds, the state is per worker: flows are spread over workers by flow, so with
 * several workers a bit set by one host's flow is seen only by the flows of that worker. Run with
 * one worker for exact host-wide xbits.
 */
import type { Rule, XbitsSpec } from '../rules/types.js';
import { addrKey } from './record.js';
import type { Candidate } from './verify.js';

/** Expired bits are swept out after this many bit changes (memory stays bounded by live bits). */
const SWEEP_EVERY = 4096;

function keyOf(x: XbitsSpec, c: Candidate): string {
  if (x.track === 'ip_src') return `h${addrKey(c.src)}`;
  if (x.track === 'ip_dst') return `h${addrKey(c.dst)}`;
  const a = addrKey(c.src);
  const b = addrKey(c.dst);
  return a < b ? `p${a}${b}` : `p${b}${a}`;
}

export class XbitsStore {
  /** `key|name` → expiry time (ns). */
  private readonly bits = new Map<string, bigint>();
  private changes = 0;

  private isSet(k: string, tsNs: bigint): boolean {
    const exp = this.bits.get(k);
    return exp !== undefined && exp > tsNs;
  }

  /** Do the rule's isset / isnotset checks hold for this candidate at `tsNs`? */
  checksHold(r: Rule, c: Candidate, tsNs: bigint): boolean {
    for (const x of r.xbits ?? []) {
      if (x.op !== 'isset' && x.op !== 'isnotset') continue;
      const on = this.isSet(`${keyOf(x, c)}|${x.name}`, tsNs);
      if (on !== (x.op === 'isset')) return false;
    }
    return true;
  }

  /** The rule matched: apply its set / unset / toggle. */
  apply(r: Rule, c: Candidate, tsNs: bigint): void {
    for (const x of r.xbits ?? []) {
      if (x.op === 'isset' || x.op === 'isnotset') continue;
      const k = `${keyOf(x, c)}|${x.name}`;
      const expiry = tsNs + BigInt(x.expire) * 1_000_000_000n;
      if (x.op === 'set' || (x.op === 'toggle' && !this.isSet(k, tsNs))) this.bits.set(k, expiry);
      else this.bits.delete(k);
      if (++this.changes % SWEEP_EVERY === 0) this.sweep(tsNs);
    }
  }

  private sweep(tsNs: bigint): void {
    for (const [k, exp] of this.bits) if (exp <= tsNs) this.bits.delete(k);
  }

  /** Bits held (diagnostics and tests). */
  get size(): number {
    return this.bits.size;
  }
}
