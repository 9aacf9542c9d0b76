/**
 * The header shared by EVE http, dns and tls events: timestamp, flow_id, pcap_cnt, event_type,
 * addresses and ports, proto (Suricata's order). HTTP and TLS events name the flow's client as
 * src; DNS events follow the packet (a response comes from the server), as Suricata writes them.
 */
import type { AppEvent } from '../app/records.js';
import { protoName } from './eve-flow.js';
import { eveTimestamp } from './eve-time.js';

export function eveAppHeader(
  e: AppEvent,
  eventType: string,
  packetDirection: boolean,
): Record<string, unknown> {
  const flip = packetDirection && !e.toServer;
  const ev: Record<string, unknown> = {
    timestamp: eveTimestamp(e.tsNs),
    flow_id: Number(e.flowId),
    pcap_cnt: Number(e.packet),
    event_type: eventType,
  };
  if (e.vlan) ev.vlan = [e.vlan];
  ev.src_ip = flip ? e.destIp : e.srcIp;
  ev.src_port = flip ? e.destPort : e.srcPort;
  ev.dest_ip = flip ? e.srcIp : e.destIp;
  ev.dest_port = flip ? e.srcPort : e.destPort;
  ev.proto = protoName(e.proto);
  return ev;
}
