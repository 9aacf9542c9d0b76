/** The live view and the periodic EVE stats event: rates, top talkers, top signatures, drop fields. */
import { describe, expect, it } from 'vitest';
import {
  liveStatsEvent,
  renderLiveView,
  SignatureCounter,
  TalkerCounter,
  type LiveSnapshot,
} from '../../../src/capture/live-view.js';
import { ethernet, ipv4Udp, udpFrame } from '../../helpers/capture-builder.js';

const snap = (over: Partial<LiveSnapshot>): LiveSnapshot => ({
  elapsedMs: 0,
  captured: 0,
  capturedBytes: 0,
  engineDropPackets: 0,
  kernelDrops: 0,
  alerts: 0,
  flows: 0,
  stats: undefined,
  ...over,
});

describe('TalkerCounter', () => {
  it('counts bytes sent per outermost source address (Ethernet, VLAN-tagged, raw IP)', () => {
    const t = new TalkerCounter(1);
    const a = udpFrame(0); // 10.0.0.1
    const b = ethernet(ipv4Udp('192.168.0.9', '10.0.0.1', 1, 2, Buffer.alloc(100)));
    const tagged = Buffer.concat([b.subarray(0, 12), Buffer.from([0x81, 0, 0, 5]), b.subarray(12)]);
    t.add(a, a.length);
    t.add(a, a.length);
    t.add(tagged, tagged.length);
    t.add(Buffer.alloc(10), 10); // too short: ignored
    expect(t.top(5)).toEqual(
      [
        { addr: '192.168.0.9', bytes: tagged.length },
        { addr: '10.0.0.1', bytes: 2 * a.length },
      ].sort((x, y) => y.bytes - x.bytes),
    );
    const raw = new TalkerCounter(101);
    const ip = ipv4Udp('1.2.3.4', '5.6.7.8', 1, 2, Buffer.alloc(0));
    raw.add(ip, ip.length);
    expect(raw.top(1)).toEqual([{ addr: '1.2.3.4', bytes: ip.length }]);
  });
});

describe('renderLiveView', () => {
  it('shows rates over the last interval, drops, talkers and signatures', () => {
    const sigs = new SignatureCounter();
    sigs.add(1, 'A');
    sigs.add(2, 'B');
    sigs.add(2, 'B');
    const lines = renderLiveView(
      'eth0',
      snap({
        elapsedMs: 3000,
        captured: 3000,
        capturedBytes: 2_500_000,
        alerts: 12,
        engineDropPackets: 7,
        kernelDrops: 3,
      }),
      snap({ elapsedMs: 2000, captured: 1000, capturedBytes: 1_250_000, alerts: 2 }),
      [{ addr: '10.0.0.1', bytes: 1234 }],
      sigs.top(5),
    );
    const text = lines.join('\n');
    expect(text).toContain('netsift live on eth0 — 0m03s');
    expect(text).toMatch(/packets\/s +2,000 +Mbit\/s +10\.00 +alerts\/s +10\.0/);
    expect(text).toContain('drops     engine 7   kernel 3');
    expect(text).toMatch(/10\.0\.0\.1 +1,234/);
    expect(text).toMatch(/ +2 {2}2 B\n +1 {2}1 A$/);
  });
});

describe('liveStatsEvent', () => {
  it('adds captured packets and both drop counts to the capture section', () => {
    const ev = liveStatsEvent(
      snap({ elapsedMs: 2500, captured: 10, engineDropPackets: 4, kernelDrops: undefined, alerts: 2 }),
      0n,
    );
    expect(ev.event_type).toBe('stats');
    expect(ev.stats).toMatchObject({
      uptime: 3,
      capture: { kernel_packets: 10, engine_drops: 4, kernel_drops: null, packets: 0 },
      detect: { alert: 2 },
    });
  });
});
