/**
 * The match stage inside one worker: loads the ruleset blob into the worker's engine instance
 * once, verifies the alert candidates after every engine call (before the unconsumed input moves)
 * and hands the alert records on as the SECTION_ALERTS section of each result.
 */
import type { Rule } from '../rules/types.js';
import { EngineBugError } from '../errors.js';
import type { EngineInstance } from '../wasm/instance.js';
import { CAND_RECORD_SIZE, RS_STATUS_NAMES, ALERT_RECORD_SIZE } from './layout.js';
import { FLOW_ID_OFF, FLOW_RECORD_SIZE } from '../wasm/layout.js';
import { Matcher } from './matcher.js';

/** What a worker receives (structured-cloned once through workerData). */
export interface WorkerRuleset {
  blob: Uint8Array;
  rules: readonly Rule[];
}

interface MatchExports {
  rulesetBuffer(len: number): number;
  loadRuleset(len: number): number;
  candidateRegion(): number;
  candidateCount(): number;
  clearCandidates(): void;
  matchDropped(): bigint;
  CAND_RECORD_SIZE: WebAssembly.Global;
}

export const SECTION_ALERTS_KIND = 3;

export class WorkerMatch {
  matcher: Matcher;
  private readonly ex: MatchExports;

  constructor(
    private readonly inst: EngineInstance,
    rs: WorkerRuleset,
  ) {
    this.ex = inst.ex as unknown as MatchExports;
    const size = Number(this.ex.CAND_RECORD_SIZE?.value);
    if (size !== CAND_RECORD_SIZE) {
      throw new EngineBugError(`engine CAND_RECORD_SIZE is ${size}, expected ${CAND_RECORD_SIZE}: rebuild`);
    }
    this.matcher = this.load(rs);
  }

  private load(rs: WorkerRuleset): Matcher {
    const ptr = this.ex.rulesetBuffer(rs.blob.length);
    this.inst.memoryView().set(rs.blob, ptr);
    const status = this.ex.loadRuleset(rs.blob.length);
    if (status !== 0) {
      throw new EngineBugError(`engine rejected the ruleset blob: ${RS_STATUS_NAMES[status] ?? status}`);
    }
    return new Matcher(rs.rules);
  }

  /**
   * Swap in another ruleset between two chunks. Flows, reassembly and flowbits carry over; the
   * saved per-stream scan states and threshold windows start again (they belong to the old rules).
   */
  reload(rs: WorkerRuleset): void {
    const old = this.matcher;
    this.matcher = this.load(rs);
    this.matcher.adoptFlowbits(old);
  }

  /** Flows that ended in the current engine call: their state is forgotten after its candidates. */
  private ended: bigint[] = [];

  /** Flow-end records of the current engine call (layout: FLOW_* in src/wasm/layout.ts). */
  flowsEnded(mem: Uint8Array, ptr: number, count: number): void {
    const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
    for (let i = 0; i < count; i++)
      this.ended.push(dv.getBigUint64(ptr + i * FLOW_RECORD_SIZE + FLOW_ID_OFF, true));
  }

  /**
   * After each processChunk (and after flushFlows): verify the candidates it wrote, then forget
   * the flowbits and pass state of the flows that ended in it (their last packets' candidates
   * came first), so that state stays bounded by the flows alive.
   */
  afterCall(): void {
    this.matcher.process(this.inst.memoryView(), this.ex.candidateRegion(), this.ex.candidateCount());
    this.ex.clearCandidates();
    for (const id of this.ended) this.matcher.endFlow(id);
    this.ended = [];
  }

  beforeFlush(): void {
    this.ex.clearCandidates();
  }

  dropped(): bigint {
    return this.ex.matchDropped();
  }

  /** The alert section of a result (records since the last call). */
  section(): { kind: number; count: number; recordSize: number; bytes: Uint8Array } {
    const { count, bytes } = this.matcher.take();
    return { kind: SECTION_ALERTS_KIND, count, recordSize: ALERT_RECORD_SIZE, bytes };
  }
}
