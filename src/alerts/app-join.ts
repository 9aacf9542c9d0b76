/**
 * Alerts joined to the app-layer transaction they belong to. Suricata's alert events carry the
 * http / tls / dns fields of the alert's transaction (output-json-alert.c AlertAddAppLayer), so
 * netsift's do too: the engine passes every batch's alerts, app events and ended flows through
 * one AlertAppJoin, which sets `alert.app` and hands the alerts on.
 *
 * Workers report an HTTP transaction when its response is complete, a DNS message with the packet
 * that carried it, a TLS session when its handshake is complete (or at flow end): always at or
 * after the packet of an alert on that transaction. So an alert on a flow whose app_proto is
 * http, tls or dns waits for the first app event of its flow at or after its packet and takes
 * that one (a DNS alert only the message of its own packet). A TLS alert after the handshake event takes the flow's last handshake event (Suricata
 * logs the flow's TLS state). An alert still waiting when its flow ends is emitted then, with the
 * flow's TLS handshake if there was one, else without app fields.
 *
 * Differences from Suricata, which logs the transaction as it is when the alert is raised: an
 * alert on an HTTP request also carries the response fields (status, length) once the response is
 * complete; and a waiting alert is emitted with the batch that completes its transaction, after
 * alerts of later packets in earlier batches (the engine's `ordered` option sorts them all).
 */
import type { AppEvent } from '../app/records.js';
import { APP_PROTO_DNS, APP_PROTO_HTTP, APP_PROTO_TLS } from '../wasm/layout.js';
import type { Alert } from './record.js';

/** Alerts one flow may keep waiting; beyond, the oldest go out without app fields (bounded memory). */
export const MAX_WAITING_PER_FLOW = 256;

function joinable(a: Alert): boolean {
  return (
    a.hasFlow &&
    (a.appProto === APP_PROTO_HTTP || a.appProto === APP_PROTO_TLS || a.appProto === APP_PROTO_DNS)
  );
}

export class AlertAppJoin {
  /** Alerts waiting for their transaction, by flow id, in packet order. */
  private readonly waiting = new Map<bigint, Alert[]>();
  /** The last TLS handshake event of each live flow. */
  private readonly lastTls = new Map<bigint, AppEvent>();

  /**
   * One batch: its alerts and app events, each in packet order (batches come in packet order, so
   * every flow's waiting list stays in packet order too), and the ids of the flows that ended in
   * it. Returns the alerts ready to emit, in no particular order.
   */
  batch(alerts: readonly Alert[], events: readonly AppEvent[], endedFlows: Iterable<bigint>): Alert[] {
    const ready: Alert[] = [];
    for (const a of alerts) {
      if (!joinable(a)) {
        ready.push(a);
        continue;
      }
      const list = this.waiting.get(a.flowId) ?? [];
      if (list.length === 0) this.waiting.set(a.flowId, list);
      list.push(a);
      if (list.length > MAX_WAITING_PER_FLOW) ready.push(list.shift() as Alert);
    }
    for (const e of events) {
      if (e.kind === 'tls') this.lastTls.set(e.flowId, e);
      const list = this.waiting.get(e.flowId);
      if (!list) continue;
      let n = 0;
      while (n < list.length && (list[n] as Alert).pktNum <= e.packet) {
        const a = list[n] as Alert;
        // a DNS message is the event of its own packet: an alert on a packet without one has none
        if (e.kind !== 'dns' || a.pktNum === e.packet) a.app = e;
        ready.push(a);
        n++;
      }
      if (n === list.length) this.waiting.delete(e.flowId);
      else if (n > 0) list.splice(0, n);
    }
    // TLS alerts after the handshake event: the flow's TLS state as last reported
    for (const [flowId, list] of this.waiting) {
      const tls = this.lastTls.get(flowId);
      if (!tls) continue;
      for (const a of list) a.app = tls;
      ready.push(...list);
      this.waiting.delete(flowId);
    }
    for (const flowId of endedFlows) {
      const list = this.waiting.get(flowId);
      if (list) ready.push(...list);
      this.waiting.delete(flowId);
      this.lastTls.delete(flowId);
    }
    return ready;
  }

  /** End of the run: every waiting alert, without app fields. */
  flush(): Alert[] {
    const rest = [...this.waiting.values()].flat();
    this.waiting.clear();
    this.lastTls.clear();
    return rest;
  }
}
