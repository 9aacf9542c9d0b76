/** Run generated captures through a fresh engine with the flow stage on; collect flow records and counters. */
import { pcapFile, type PcapRecord } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';
import { runFiles } from '../../../src/capture/file-runner.js';
import { compareFlows, readFlowRecords, type FlowRecord } from '../../../src/flows/record.js';
import { EngineInstance } from '../../../src/wasm/instance.js';

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
