/**
 * The worker's per-flow rule state (flowbits, passed flows) lives as long as the flow: a flow's
 * state is forgotten once its flow-end record has come and its last candidates are verified, so
 * memory follows the flows alive, not every flow ever seen. Flowbits still work across packets.
 */
import { describe, expect, it } from 'vitest';
import { generateCapture } from '../../../bench/gen/generate.js';
import { WorkerMatch } from '../../../src/alerts/worker-match.js';
import { runFiles } from '../../../src/capture/file-runner.js';
import { compileRuleset } from '../../../src/rules/compile/ruleset.js';
import { loadRuleText } from '../../../src/rules/loader.js';
import { readAlertRecords } from '../../../src/alerts/record.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import { tempFile } from '../../helpers/engine.js';

const RULES = `
alert tcp any any -> any any (msg:"request seen"; flow:to_server; content:"GET "; flowbits:set,seen_get; flowbits:noalert; sid:1;)
alert tcp any any -> any any (msg:"response after a request"; flow:to_client; content:"HTTP/1."; flowbits:isset,seen_get; sid:2;)
`;

describe('per-flow rule state', () => {
  it('is forgotten when the flow ends; flowbits still carry within a flow', async () => {
    const { pcap } = generateCapture({ seed: 5, packets: 4000 }) as { pcap: Uint8Array };
    const rs = compileRuleset(loadRuleText(RULES, 'flow-state.rules').rules);
    const inst = new EngineInstance();
    const m = new WorkerMatch(inst, { blob: rs.blob, rules: rs.rules });
    let ended = 0;
    let maxTracked = 0;
    await runFiles(inst, [tempFile(pcap, 'flow-state.pcap')], {
      flows: true,
      reassemble: true,
      chunkSize: 64 * 1024,
      onFlows: (r) => {
        ended += r.count;
        m.flowsEnded(r.mem, r.ptr, r.count);
      },
      afterCall: () => {
        m.afterCall();
        maxTracked = Math.max(maxTracked, m.matcher.flowsTracked);
      },
    });
    m.afterCall(); // the end-of-input flush's flow records
    const { count, bytes } = m.section();
    const sids = readAlertRecords(bytes, count, rs.rules).map((a) => a.rule.sid);
    expect(sids.filter((s) => s === 2).length).toBeGreaterThan(10);
    expect(sids).not.toContain(1);
    expect(maxTracked).toBeGreaterThan(0);
    expect(ended).toBeGreaterThan(maxTracked);
    expect(m.matcher.flowsTracked).toBe(0);
  });
});
