/**
 * Alert records (worker → main thread, SECTION_ALERTS; layout in layout.ts) as objects: made only
 * for alerts that leave the engine. The rule's metadata comes from the compiled ruleset.
 */
import type { AppEvent } from '../app/records.js';
import { formatIpv4, formatIpv6 } from '../packets/format.js';
import type { Rule } from '../rules/types.js';
import * as A from './layout.js';

export interface Alert {
  /** 1-based packet number in the run (EVE pcap_cnt). */
  readonly pktNum: bigint;
  readonly tsNs: bigint;
  /** Suricata-style flow id (0 when the packet has no flow). */
  readonly flowId: bigint;
  /** Index of the rule in the compiled ruleset. */
  readonly ruleIndex: number;
  readonly rule: Rule;
  /** Matched in the reassembled stream (else in the packet payload). */
  readonly stream: boolean;
  /** The matched data went client → server. */
  readonly toServer: boolean;
  readonly hasFlow: boolean;
  readonly ipVersion: number;
  readonly proto: number;
  /** Sender and receiver of the matched data; 16 bytes each (IPv4 v4-mapped). */
  readonly srcAddr: Uint8Array;
  readonly dstAddr: Uint8Array;
  readonly srcIp: string;
  readonly destIp: string;
  readonly srcPort: number;
  readonly destPort: number;
  /** The flow's app_proto (APP_PROTO_* of src/wasm/layout.ts) at the match; 0 not known yet. */
  readonly appProto: number;
  /**
   * The app-layer transaction the alert belongs to (HTTP transaction, DNS message, TLS session),
   * joined by the engine before the alert is emitted (src/alerts/app-join.ts); EVE writes its
   * fields into the alert event as Suricata does.
   */
  app?: AppEvent;
}

/** A 16-byte address as a map key (thresholds by host, xbits). */
export function addrKey(a: Uint8Array): string {
  return Buffer.from(a).toString('hex');
}

export function formatAddr(a: Uint8Array, ipVersion: number): string {
  return ipVersion === 4 ? formatIpv4(a, 12) : formatIpv6(a, 0);
}

export function readAlertRecords(bytes: Uint8Array, count: number, rules: readonly Rule[]): Alert[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Alert[] = [];
  for (let i = 0; i < count; i++) {
    const p = i * A.ALERT_RECORD_SIZE;
    const ruleIndex = dv.getUint32(p + A.ALERT_RULE_OFF, true);
    const rule = rules[ruleIndex];
    if (!rule) continue;
    const flags = dv.getUint32(p + A.ALERT_FLAGS_OFF, true);
    const ipVersion = bytes[p + A.ALERT_IP_VERSION_OFF] as number;
    const srcAddr = bytes.slice(p + A.ALERT_SRC_ADDR_OFF, p + A.ALERT_SRC_ADDR_OFF + 16);
    const dstAddr = bytes.slice(p + A.ALERT_DST_ADDR_OFF, p + A.ALERT_DST_ADDR_OFF + 16);
    out.push({
      pktNum: dv.getBigUint64(p + A.ALERT_PKT_NUM_OFF, true),
      tsNs: dv.getBigUint64(p + A.ALERT_TS_NS_OFF, true),
      flowId: dv.getBigUint64(p + A.ALERT_FLOW_ID_OFF, true),
      ruleIndex,
      rule,
      stream: (flags & A.ALERT_F_STREAM) !== 0,
      toServer: (flags & A.ALERT_F_TO_SERVER) !== 0,
      hasFlow: (flags & A.ALERT_F_HAS_FLOW) !== 0,
      ipVersion,
      proto: bytes[p + A.ALERT_PROTO_OFF] as number,
      srcAddr,
      dstAddr,
      srcIp: formatAddr(srcAddr, ipVersion),
      destIp: formatAddr(dstAddr, ipVersion),
      srcPort: dv.getUint16(p + A.ALERT_SRC_PORT_OFF, true),
      destPort: dv.getUint16(p + A.ALERT_DST_PORT_OFF, true),
      appProto: bytes[p + A.ALERT_APP_PROTO_OFF] as number,
    });
  }
  return out;
}

/** Deterministic order: packet number, then rule index. */
export function compareAlerts(a: Alert, b: Alert): number {
  return a.pktNum < b.pktNum ? -1 : a.pktNum > b.pktNum ? 1 : a.ruleIndex - b.ruleIndex;
}
