/**
 * Flow-end records (assembly/emit/flows.ts) read into plain objects. Records are fixed-size,
 * little-endian, layout FLOW_* in src/wasm/layout.ts; addresses are 16 bytes (IPv4 v4-mapped),
 * copied out so a FlowRecord outlives the engine call that produced it.
 */
import * as L from '../wasm/layout.js';
import { formatIpv4, formatIpv6 } from '../packets/format.js';

export const TCP_STATE_NAMES = [
  'none',
  'syn_sent',
  'syn_recv',
  'established',
  'fin_wait1',
  'fin_wait2',
  'time_wait',
  'close_wait',
  'last_ack',
  'closing',
  'closed',
] as const;
export const FLOW_STATE_NAMES = ['new', 'established', 'closed'] as const;
export const FLOW_REASON_NAMES = ['timeout', 'forced', 'shutdown'] as const;

export interface FlowRecord {
  flowId: bigint;
  startNs: bigint;
  endNs: bigint;
  ipVersion: 4 | 6;
  /** 16 bytes each; IPv4 as v4-mapped. */
  srcAddr: Uint8Array;
  dstAddr: Uint8Array;
  srcIp: string;
  destIp: string;
  /** Client and server ports; for ICMP the first packet's type and code. */
  srcPort: number;
  destPort: number;
  proto: number;
  vlan: number;
  pktsToServer: number;
  pktsToClient: number;
  bytesToServer: bigint;
  bytesToClient: bigint;
  tcpFlagsTs: number;
  tcpFlagsTc: number;
  tcpState: string;
  state: string;
  reason: string;
  icmpId: number;
  firstPacket: bigint;
  lastPacket: bigint;
  hash: number;
  reassemblyGaps: number;
  streamBytesToServer: number;
  streamBytesToClient: number;
  /** App-layer protocol detected on the flow (L.APP_PROTO_*: 0 none, 255 failed). */
  appProto: number;
}

/** Text form of a 16-byte address (IPv4 dotted when the flow is IPv4). */
export function formatAddr(a: Uint8Array, ipVersion: number): string {
  return ipVersion === 4 ? formatIpv4(a, 12) : formatIpv6(a, 0);
}

export function readFlowRecords(mem: Uint8Array, ptr: number, count: number): FlowRecord[] {
  const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  const out: FlowRecord[] = [];
  for (let i = 0; i < count; i++) out.push(readFlowRecord(mem, dv, ptr + i * L.FLOW_RECORD_SIZE));
  return out;
}

/** Only the flow ids of `count` flow records (cheaper than reading the records). */
export function readFlowIds(mem: Uint8Array, ptr: number, count: number): bigint[] {
  const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  const out: bigint[] = [];
  for (let i = 0; i < count; i++)
    out.push(dv.getBigUint64(ptr + i * L.FLOW_RECORD_SIZE + L.FLOW_ID_OFF, true));
  return out;
}

export function readFlowRecord(mem: Uint8Array, dv: DataView, r: number): FlowRecord {
  const ipVersion = dv.getUint8(r + L.FLOW_IPVER_OFF) === 6 ? 6 : 4;
  const srcAddr = mem.slice(r + L.FLOW_SRC_ADDR_OFF, r + L.FLOW_SRC_ADDR_OFF + 16);
  const dstAddr = mem.slice(r + L.FLOW_DST_ADDR_OFF, r + L.FLOW_DST_ADDR_OFF + 16);
  return {
    flowId: dv.getBigUint64(r + L.FLOW_ID_OFF, true),
    startNs: dv.getBigUint64(r + L.FLOW_START_NS_OFF, true),
    endNs: dv.getBigUint64(r + L.FLOW_END_NS_OFF, true),
    ipVersion,
    srcAddr,
    dstAddr,
    srcIp: formatAddr(srcAddr, ipVersion),
    destIp: formatAddr(dstAddr, ipVersion),
    srcPort: dv.getUint16(r + L.FLOW_SRC_PORT_OFF, true),
    destPort: dv.getUint16(r + L.FLOW_DST_PORT_OFF, true),
    proto: dv.getUint8(r + L.FLOW_PROTO_OFF),
    vlan: dv.getUint16(r + L.FLOW_VLAN_OFF, true),
    pktsToServer: dv.getUint32(r + L.FLOW_PKTS_TS_OFF, true),
    pktsToClient: dv.getUint32(r + L.FLOW_PKTS_TC_OFF, true),
    bytesToServer: dv.getBigUint64(r + L.FLOW_BYTES_TS_OFF, true),
    bytesToClient: dv.getBigUint64(r + L.FLOW_BYTES_TC_OFF, true),
    tcpFlagsTs: dv.getUint8(r + L.FLOW_TCPFLAGS_TS_OFF),
    tcpFlagsTc: dv.getUint8(r + L.FLOW_TCPFLAGS_TC_OFF),
    tcpState: TCP_STATE_NAMES[dv.getUint8(r + L.FLOW_TCP_STATE_OFF)] ?? 'none',
    state: FLOW_STATE_NAMES[dv.getUint8(r + L.FLOW_STATE_OFF)] ?? 'new',
    reason: FLOW_REASON_NAMES[dv.getUint8(r + L.FLOW_REASON_OFF)] ?? 'timeout',
    icmpId: dv.getUint16(r + L.FLOW_ICMP_ID_OFF, true),
    firstPacket: dv.getBigUint64(r + L.FLOW_FIRST_PKT_OFF, true),
    lastPacket: dv.getBigUint64(r + L.FLOW_LAST_PKT_OFF, true),
    hash: dv.getUint32(r + L.FLOW_HASH_OFF, true),
    reassemblyGaps: dv.getUint32(r + L.FLOW_GAPS_OFF, true),
    streamBytesToServer: dv.getUint32(r + L.FLOW_STREAM_BYTES_TS_OFF, true),
    streamBytesToClient: dv.getUint32(r + L.FLOW_STREAM_BYTES_TC_OFF, true),
    appProto: dv.getUint8(r + L.FLOW_APP_PROTO_OFF),
  };
}

/** Canonical order: by first packet number (the flow's pcap_cnt), then flow id. */
export function compareFlows(a: FlowRecord, b: FlowRecord): number {
  if (a.firstPacket !== b.firstPacket) return a.firstPacket < b.firstPacket ? -1 : 1;
  return a.flowId < b.flowId ? -1 : a.flowId > b.flowId ? 1 : 0;
}
