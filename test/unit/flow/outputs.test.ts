// Flow record outputs: the EVE `flow` event (Suricata's shape and timestamp format), the Zeek
// conn.log-like TSV, and the `netsift flows` option parsing.
import { describe, expect, it } from 'vitest';
import { flowConfig } from '../../../src/cli/commands/flows.js';
import { ConfigError } from '../../../src/errors.js';
import { ZEEK_FIELDS, zeekConnLine, zeekHeader, zeekUid } from '../../../src/flows/zeek.js';
import { eveFlowEvent } from '../../../src/outputs/eve-flow.js';
import * as L from '../../../src/wasm/layout.js';
import { tcpSession, timed, udpFrame } from './gen.js';
import { runFlows } from './run.js';

const C = { ip: '10.0.0.1', port: 40000 };
const S = { ip: '10.0.0.2', port: 80 };

describe('EVE flow event', () => {
  it("has Suricata's fields, in Suricata's order and formats", async () => {
    const { flows } = await runFlows(
      timed(tcpSession({ client: C, server: S, toServer: [{ off: 0, data: Buffer.from('hi') }] })),
    );
    const ev = eveFlowEvent(flows[0]!);
    expect(Object.keys(ev)).toEqual([
      'timestamp',
      'flow_id',
      'event_type',
      'src_ip',
      'src_port',
      'dest_ip',
      'dest_port',
      'proto',
      'app_proto',
      'flow',
      'community_id',
      'tcp',
    ]);
    expect(ev.timestamp).toBe('2023-11-14T22:13:20.000000+0000');
    expect(ev).toMatchObject({
      event_type: 'flow',
      src_ip: '10.0.0.1',
      src_port: 40000,
      dest_ip: '10.0.0.2',
      dest_port: 80,
      proto: 'TCP',
      flow: {
        pkts_toserver: 5,
        pkts_toclient: 2,
        start: '2023-11-14T22:13:20.000000+0000',
        end: '2023-11-14T22:13:20.006000+0000',
        age: 0,
        state: 'closed',
        reason: 'shutdown',
        alerted: false,
      },
      tcp: {
        tcp_flags: '1b',
        tcp_flags_ts: '1b',
        tcp_flags_tc: '13',
        syn: true,
        fin: true,
        psh: true,
        ack: true,
        state: 'closed',
      },
    });
    expect(ev.community_id).toMatch(/^1:[A-Za-z0-9+/]{27}=$/);
    expect(Number.isSafeInteger(ev.flow_id)).toBe(true);
    expect(ev.flow_id as number).toBeLessThan(2 ** 48);
  });

  it('UDP has no tcp object; VLAN is an array', async () => {
    const { flows } = await runFlows(timed([udpFrame(C, S, 'x', 12)]));
    const ev = eveFlowEvent(flows[0]!);
    expect(ev.tcp).toBeUndefined();
    expect(ev.vlan).toEqual([12]);
    expect(ev.proto).toBe('UDP');
  });
});

describe('zeek conn.log-like TSV', () => {
  it("prints Zeek's header and one 22-column line per flow", async () => {
    const { flows } = await runFlows(timed(tcpSession({ client: C, server: S })));
    const header = zeekHeader('1970-01-01-00-00-00');
    expect(header.find((l) => l.startsWith('#fields'))).toBe(`#fields\t${ZEEK_FIELDS.join('\t')}`);
    const cols = zeekConnLine(flows[0]!).split('\t');
    expect(cols).toHaveLength(ZEEK_FIELDS.length);
    expect(cols.slice(2, 7)).toEqual(['10.0.0.1', '40000', '10.0.0.2', '80', 'tcp']);
    expect(cols[11]).toBe('SF');
    expect(cols[1]).toBe(zeekUid(flows[0]!.flowId));
  });
});

describe('netsift flows options', () => {
  it('maps --max-flows and --timeout to config words', () => {
    expect(flowConfig({ maxFlows: '10', timeout: ['udp-new=5', 'tcp-established=99'] })).toEqual({
      [L.CFG_FLOW_MAX]: 10,
      [L.CFG_UDP_NEW_S]: 5,
      [L.CFG_TCP_EST_S]: 99,
    });
    expect(Object.keys(flowConfig({ timeout: ['all=7'] }))).toHaveLength(9);
  });
  it('rejects bad values with the option named', () => {
    expect(() => flowConfig({ timeout: ['tcp-nw=5'] })).toThrow(ConfigError);
    expect(() => flowConfig({ timeout: ['tcp-nw=5'] })).toThrow(/unknown timeout "tcp-nw"/);
    expect(() => flowConfig({ maxFlows: '-1' })).toThrow(/--max-flows must be a positive integer, got "-1"/);
  });
});
