// One rule group's automaton over one buffer: scan, re-check case-sensitive patterns in a folded
// automaton (acVerify), and hand every rule of every confirmed pattern to `onRule` with the
// match's end offset and the pattern length. Shared by the packet-payload matcher (packet.ts) and
// the app-buffer matcher (app.ts); the stream matcher keeps its own loop (its state carries across
// chunks and its candidates take a window). Group layout: match/ruleset.ts.

import { acPatternLen, acScan, acStart, acVerify } from './ac';
import { clearQueue, queueEnd, queueId, queueLen } from './queue';
import { rsPtr } from './ruleset';

export function scanGroup(
  g: usize,
  buf: usize,
  len: u32,
  onRule: (rule: u32, end: u32, patLen: u32) => void,
): void {
  const acOff = load<u32>(g);
  if (acOff == 0) return;
  const ac = rsPtr + <usize>acOff;
  const idx = rsPtr + <usize>load<u32>(g + 4);
  const rules = rsPtr + <usize>load<u32>(g + 8);
  clearQueue();
  acScan(ac, acStart(ac), buf, len, 0);
  const n = queueLen;
  for (let i: u32 = 0; i < n; i++) {
    const pid = queueId(i);
    const end = queueEnd(i);
    if (!acVerify(ac, pid, buf, <i64>end, len)) continue;
    const patLen = acPatternLen(ac, pid);
    const e = load<u32>(idx + ((<usize>pid + 1) << 2));
    for (let k = load<u32>(idx + ((<usize>pid) << 2)); k < e; k++) {
      onRule(load<u32>(rules + ((<usize>k) << 2)), end, patLen);
    }
  }
}
