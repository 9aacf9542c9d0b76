// Suricata's app_layer.flow.* and app_layer.tx.* counters: a flow is counted once, when its
// protocol is decided (detected, or failed in both directions); a transaction when it is logged.
// DNS is split by transport as Suricata splits it (dns_udp / dns_tcp).

import {
  APP_PROTO_DNS,
  APP_PROTO_FAILED,
  APP_PROTO_FTP,
  APP_PROTO_HTTP,
  APP_PROTO_SMB,
  APP_PROTO_SMTP,
  APP_PROTO_SSH,
  APP_PROTO_TLS,
  COUNTER_APP_FLOW_DNS_TCP,
  COUNTER_APP_FLOW_DNS_UDP,
  COUNTER_APP_FLOW_FAILED_TCP,
  COUNTER_APP_FLOW_FAILED_UDP,
  COUNTER_APP_FLOW_FTP,
  COUNTER_APP_FLOW_HTTP,
  COUNTER_APP_FLOW_SMB,
  COUNTER_APP_FLOW_SMTP,
  COUNTER_APP_FLOW_SSH,
  COUNTER_APP_FLOW_TLS,
  COUNTER_APP_TX_DNS_TCP,
  COUNTER_APP_TX_DNS_UDP,
  COUNTER_APP_TX_HTTP,
} from '../abi/layout';
import { KEY_PROTO_OFF } from '../flow/key';
import { SLOT_KEY_OFF } from '../flow/table';
import { addCounter } from '../stats/counters';

function isUdp(slot: usize): bool {
  return load<u8>(slot + SLOT_KEY_OFF + KEY_PROTO_OFF) == 17;
}

/** The flow in `slot` was decided as `proto` (APP_PROTO_*, or APP_PROTO_FAILED). */
export function countAppFlow(slot: usize, proto: u32): void {
  const udp = isUdp(slot);
  let c: u32 = 0;
  if (proto == APP_PROTO_HTTP) c = COUNTER_APP_FLOW_HTTP;
  else if (proto == APP_PROTO_TLS) c = COUNTER_APP_FLOW_TLS;
  else if (proto == APP_PROTO_DNS) c = udp ? COUNTER_APP_FLOW_DNS_UDP : COUNTER_APP_FLOW_DNS_TCP;
  else if (proto == APP_PROTO_SMTP) c = COUNTER_APP_FLOW_SMTP;
  else if (proto == APP_PROTO_FTP) c = COUNTER_APP_FLOW_FTP;
  else if (proto == APP_PROTO_SMB) c = COUNTER_APP_FLOW_SMB;
  else if (proto == APP_PROTO_SSH) c = COUNTER_APP_FLOW_SSH;
  else if (proto == APP_PROTO_FAILED) c = udp ? COUNTER_APP_FLOW_FAILED_UDP : COUNTER_APP_FLOW_FAILED_TCP;
  if (c != 0) addCounter(c, 1);
}

/** A transaction of the flow in `slot` was logged (TLS sessions are not counted, as in Suricata). */
export function countAppTx(slot: usize, kind: u32): void {
  if (kind == APP_PROTO_HTTP) addCounter(COUNTER_APP_TX_HTTP, 1);
  else if (kind == APP_PROTO_DNS && slot != 0)
    addCounter(isUdp(slot) ? COUNTER_APP_TX_DNS_UDP : COUNTER_APP_TX_DNS_TCP, 1);
}
