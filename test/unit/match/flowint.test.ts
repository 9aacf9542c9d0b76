// flowint through the engine: a counter on the flow that matching rules change and other rules
// compare; each flow has its own, forgotten when the flow ends.
import { describe, expect, it } from 'vitest';
import { ethernet, ipv4Udp, type PcapRecord } from '../../helpers/capture-builder.js';
import { alertsAt } from '../../helpers/engine.js';

/** UDP datagrams 10.0.0.1:sport -> 10.0.0.2:9999, one second apart. */
function datagrams(payloads: readonly [number, string][]): PcapRecord[] {
  return payloads.map(([sport, p], i) => ({
    tsNs: BigInt(1_700_000_000 + i) * 1_000_000_000n,
    data: ethernet(ipv4Udp('10.0.0.1', '10.0.0.2', sport, 9999, Buffer.from(p))),
  }));
}

describe('flowint', () => {
  it('counts per flow; a comparison holds only once the count is reached, on that flow', async () => {
    const rules =
      'alert udp any any -> any any (content:"dl"; flowint:downloads,>=,3; sid:2;)\n' +
      'alert udp any any -> any any (content:"dl"; flowint:downloads,+,1; noalert; sid:1;)\n' +
      'alert udp any any -> any any (content:"reset"; flowint:downloads,=,0; noalert; sid:3;)\n' +
      'alert udp any any -> any any (content:"ask"; flowint:downloads,notset; sid:4;)';
    const got = await alertsAt(
      rules,
      datagrams([
        [1000, 'dl'], // 1: 1
        [1000, 'dl'], // 2: 2
        [2000, 'ask'], // 3: another flow: its counter is not set
        [2000, 'dl'], // 4: that flow: 1
        [1000, 'dl'], // 5: 3 -> sid 2
        [1000, 'reset'], // 6: 0
        [1000, 'dl'], // 7: 1
        [1000, 'ask'], // 8: set (to 1): no sid 4
      ]),
    );
    // sid 2 comes first in the file but runs after sid 1 (setters first): packet 5 sees the count of 3
    expect(got).toEqual(['2@5', '4@3']);
  });
});
