/**
 * EVE `flow` events shaped as Suricata writes them (event_type "flow"): flow_id, addresses and
 * ports (ICMP: icmp_type/icmp_code), proto, app_proto, flow{pkts/bytes per direction, start,
 * end, age, state, reason, alerted}, tcp{tcp_flags(_ts/_tc) as hex, flag booleans, state}, and
 * community_id. Times are UTC in Suricata's format "2024-01-01T12:00:00.123456+0000".
 */
import { appProtoName } from '../app/protocols.js';
import { flowCommunityId } from '../flows/community-id.js';
import type { FlowRecord } from '../flows/record.js';
import { eveTimestamp } from './eve-time.js';

export function protoName(proto: number): string {
  switch (proto) {
    case 1:
      return 'ICMP';
    case 6:
      return 'TCP';
    case 17:
      return 'UDP';
    case 58:
      return 'IPv6-ICMP';
    case 132:
      return 'SCTP';
    default:
      return String(proto);
  }
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

export interface EveFlowOptions {
  /** Add community_id (default true). */
  communityId?: boolean;
  communityIdSeed?: number;
}

export function eveFlowEvent(f: FlowRecord, opts: EveFlowOptions = {}): Record<string, unknown> {
  const isIcmp = f.proto === 1 || f.proto === 58;
  const ev: Record<string, unknown> = {
    timestamp: eveTimestamp(f.startNs),
    flow_id: Number(f.flowId),
    event_type: 'flow',
  };
  if (f.vlan) ev.vlan = [f.vlan];
  ev.src_ip = f.srcIp;
  if (!isIcmp) ev.src_port = f.srcPort;
  ev.dest_ip = f.destIp;
  if (!isIcmp) ev.dest_port = f.destPort;
  ev.proto = protoName(f.proto);
  if (isIcmp) {
    ev.icmp_type = f.srcPort;
    ev.icmp_code = f.destPort;
  }
  ev.app_proto = appProtoName(f.appProto);
  ev.flow = {
    pkts_toserver: f.pktsToServer,
    pkts_toclient: f.pktsToClient,
    bytes_toserver: Number(f.bytesToServer),
    bytes_toclient: Number(f.bytesToClient),
    start: eveTimestamp(f.startNs),
    end: eveTimestamp(f.endNs),
    age: Number(f.endNs / 1_000_000_000n - f.startNs / 1_000_000_000n),
    state: f.state,
    reason: f.reason,
    alerted: false,
  };
  if (opts.communityId !== false) ev.community_id = flowCommunityId(f, opts.communityIdSeed ?? 0);
  if (f.proto === 6) {
    const all = f.tcpFlagsTs | f.tcpFlagsTc;
    const tcp: Record<string, unknown> = {
      tcp_flags: hex2(all),
      tcp_flags_ts: hex2(f.tcpFlagsTs),
      tcp_flags_tc: hex2(f.tcpFlagsTc),
    };
    if (all & 0x02) tcp.syn = true;
    if (all & 0x01) tcp.fin = true;
    if (all & 0x04) tcp.rst = true;
    if (all & 0x08) tcp.psh = true;
    if (all & 0x10) tcp.ack = true;
    if (all & 0x20) tcp.urg = true;
    if (all & 0x40) tcp.ecn = true;
    if (all & 0x80) tcp.cwr = true;
    tcp.state = f.tcpState;
    ev.tcp = tcp;
  }
  return ev;
}
