/** Run generated captures through a fresh engine with the flow stage on; collect flow records and counters. */
import { pcapFile, type PcapRecord } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';
import { runFiles } from '../../../src/capture/file-runner.js';
import { compareFlows, readFlowRecords, type FlowRecord } from '../../../src/flows/record.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import * as L from '../../../src/wasm/layout.js';

export interface FlowRun {
  flows: FlowRecord[];
  counters: BigUint64Array;
  inst: EngineInstance;
}

export async function runFlows(
  records: PcapRecord[],
  cfg: Record<number, number> = {},
  opts: { reassemble?: boolean } = {},
): Promise<FlowRun> {
  const inst = new EngineInstance();
  inst.configure(cfg);
  const flows: FlowRecord[] = [];
  await runFiles(inst, [tempFile(pcapFile(records))], {
    flows: true,
    reassemble: opts.reassemble,
    onFlows: (r) => flows.push(...readFlowRecords(r.mem, r.ptr, r.count)),
  });
  flows.sort(compareFlows);
  return { flows, counters: inst.snapshotCounters(), inst };
}

/** Flows of capture files with every flow timeout longer than any capture (oracle comparisons). */
export async function flowsWithLongTimeouts(files: string[]): Promise<FlowRecord[]> {
  const inst = new EngineInstance();
  const cfg: Record<number, number> = {};
  for (const k of [
    L.CFG_TCP_NEW_S,
    L.CFG_TCP_EST_S,
    L.CFG_TCP_CLOSED_S,
    L.CFG_UDP_NEW_S,
    L.CFG_UDP_EST_S,
    L.CFG_ICMP_NEW_S,
    L.CFG_ICMP_EST_S,
    L.CFG_OTHER_NEW_S,
    L.CFG_OTHER_EST_S,
  ]) {
    cfg[k] = 4_000_000_000;
  }
  inst.configure(cfg);
  const flows: FlowRecord[] = [];
  await runFiles(inst, files, {
    flows: true,
    onFlows: (r) => flows.push(...readFlowRecords(r.mem, r.ptr, r.count)),
  });
  flows.sort(compareFlows);
  return flows;
}
