/**
 * EVE `alert` events shaped as Suricata writes them: timestamp, flow_id, pcap_cnt, event_type,
 * src/dest ip and port (ICMP: icmp_type/icmp_code), proto, pkt_src, community_id, tx_id, alert{action,
 * gid, signature_id, rev, signature, category, severity, metadata}, the transaction's http / tls /
 * dns object (joined by src/alerts/app-join.ts), app_proto, direction.
 * category is the classtype's description from classification.config when one was loaded, else
 * the classtype itself; severity is the rule's priority, else its classtype's, else 3.
 */
import type { Alert } from '../alerts/record.js';
import { communityId } from '../flows/community-id.js';
import type { Classification } from '../rules/config.js';
import type { Rule } from '../rules/types.js';
import type { AppEvent } from '../app/records.js';
import { APP_PROTO_NONE } from '../wasm/layout.js';
import { dnsObject } from './eve-dns.js';
import { appProtoName } from '../app/protocols.js';
import { protoName } from './eve-flow.js';
import { httpObject } from './eve-http.js';
import { tlsObject } from './eve-tls.js';
import { eveTimestamp } from './eve-time.js';

export interface AlertOutputOptions {
  classifications?: ReadonlyMap<string, Classification>;
  communityId?: boolean;
}

export function alertCategory(rule: Rule, cls?: ReadonlyMap<string, Classification>): string | undefined {
  if (!rule.classtype) return undefined;
  return cls?.get(rule.classtype)?.description ?? rule.classtype;
}

export function alertSeverity(rule: Rule, cls?: ReadonlyMap<string, Classification>): number {
  return rule.priority ?? (rule.classtype ? cls?.get(rule.classtype)?.priority : undefined) ?? 3;
}

function actionName(rule: Rule): string {
  return rule.action === 'alert' ? 'allowed' : 'blocked';
}

/** The transaction's fields, as in its own http / dns / tls event (Suricata's AlertAddAppLayer). */
function addAppObject(ev: Record<string, unknown>, e: AppEvent): void {
  if (e.kind === 'http') ev.http = httpObject(e);
  else if (e.kind === 'tls') ev.tls = tlsObject(e);
  else {
    const dns = dnsObject(e);
    if (dns) ev.dns = dns;
  }
}

export function eveAlertEvent(a: Alert, opts: AlertOutputOptions = {}): Record<string, unknown> {
  const r = a.rule;
  const isIcmp = a.proto === 1 || a.proto === 58;
  const ev: Record<string, unknown> = { timestamp: eveTimestamp(a.tsNs) };
  if (a.hasFlow) ev.flow_id = Number(a.flowId);
  ev.pcap_cnt = Number(a.pktNum);
  ev.event_type = 'alert';
  ev.src_ip = a.srcIp;
  if (!isIcmp) ev.src_port = a.srcPort;
  ev.dest_ip = a.destIp;
  if (!isIcmp) ev.dest_port = a.destPort;
  ev.proto = protoName(a.proto);
  if (isIcmp) {
    // the decoder keeps an ICMP packet's type and code where TCP and UDP keep ports
    ev.icmp_type = a.srcPort;
    ev.icmp_code = a.destPort;
  }
  // every alert is raised on a captured packet (stream matches too: `stream` says which); netsift
  // makes no pseudo packets, which Suricata names "stream (flow timeout)" and the like
  ev.pkt_src = 'wire/pcap';
  if (opts.communityId !== false) {
    const v4 = a.ipVersion === 4;
    ev.community_id = communityId({
      proto: a.proto,
      srcAddr: v4 ? a.srcAddr.subarray(12, 16) : a.srcAddr,
      dstAddr: v4 ? a.dstAddr.subarray(12, 16) : a.dstAddr,
      srcPort: a.srcPort,
      dstPort: a.destPort,
    });
  }
  // the transaction's id, for correlation with the http / dns / tls event (Suricata's tx_id)
  if (a.app) ev.tx_id = a.app.txId;
  const alert: Record<string, unknown> = {
    action: actionName(r),
    gid: r.gid,
    signature_id: r.sid,
    rev: r.rev,
    signature: r.msg,
    category: alertCategory(r, opts.classifications) ?? '',
    severity: alertSeverity(r, opts.classifications),
  };
  if (r.metadata.length) {
    const md: Record<string, string[]> = {};
    for (const [k, v] of r.metadata) (md[k] ??= []).push(v);
    alert.metadata = md;
  }
  ev.alert = alert;
  if (a.app) addAppObject(ev, a.app);
  // Suricata writes app_proto once the flow has one (EveAddAppProto): detected, or "failed"
  if (a.hasFlow && a.appProto !== APP_PROTO_NONE) ev.app_proto = appProtoName(a.appProto);
  if (a.hasFlow) ev.direction = a.toServer ? 'to_server' : 'to_client';
  ev.stream = a.stream ? 1 : 0;
  return ev;
}
