/**
 * The alerts of a capture through one in-process engine instance and the worker's matcher (no
 * pool): for match-stage tests that compare rule sets or compile options on the same capture.
 */
import { type Alert, readAlertRecords } from '../../src/alerts/record.js';
import { WorkerMatch } from '../../src/alerts/worker-match.js';
import { runFiles } from '../../src/capture/file-runner.js';
import type { CompiledRuleset } from '../../src/rules/compile/ruleset.js';
import { EngineInstance } from '../../src/wasm/instance.js';

export async function alertsOf(path: string, rs: CompiledRuleset): Promise<Alert[]> {
  const inst = new EngineInstance();
  const wm = new WorkerMatch(inst, { blob: rs.blob, rules: rs.rules });
  const out: Alert[] = [];
  await runFiles(inst, [path], {
    flows: true,
    reassemble: true,
    afterCall: () => {
      wm.afterCall();
      const { count, bytes } = wm.section();
      out.push(...readAlertRecords(bytes, count, rs.rules));
    },
  });
  return out;
}
