// Anomaly events (the engine's anomalies$): one record per anomaly raised, with the number and
// timestamp of the packet that raised it, so a user can go to the malformed packet (as with
// Suricata's `anomaly` EVE events). Counting (stats/counters.ts) is not affected. Recorded only
// for chunks whose flags ask (FLAG_ANOMALY_EVENTS). The region is bounded: the pipeline keeps
// room for ANOMALY_EVENTS_PER_PACKET before each packet (else it returns STATUS_OUTPUT_FULL and
// JS drains); a packet (or a run of pcapng blocks) that raises even more has the rest dropped and
// counted (COUNTER_ANOMALY_EVENTS_DROPPED, stats.anomalyEventsDropped), never silently.

import {
  ANOMALY_EVENT_CAPACITY,
  ANOMALY_EVENT_F_FRAMING,
  ANOMALY_EVENT_FLAGS_OFF,
  ANOMALY_EVENT_ID_OFF,
  ANOMALY_EVENT_PKT_OFF,
  ANOMALY_EVENT_SIZE,
  ANOMALY_EVENT_TS_OFF,
  ANOMALY_EVENTS_PER_PACKET,
  COUNTER_ANOMALY_EVENTS_DROPPED,
} from '../abi/layout';
import { addCounter } from '../stats/counters';

export const anomalyEventsPtr: usize = memory.data(<i32>(ANOMALY_EVENT_CAPACITY * ANOMALY_EVENT_SIZE), 8);
export let anomalyEventCount: u32 = 0;
let recording: bool = false;
let curPkt: u64 = 0;
let curTsNs: u64 = 0;

export function setAnomalyEvents(on: bool): void {
  recording = on;
}

export function clearAnomalyEvents(): void {
  anomalyEventCount = 0;
}

export function anomalyEventsRoomOk(): bool {
  return !recording || anomalyEventCount + ANOMALY_EVENTS_PER_PACKET <= ANOMALY_EVENT_CAPACITY;
}

/** The packet whose anomalies follow. */
export function setAnomalyPacket(pkt: u64, tsNs: u64): void {
  curPkt = pkt;
  curTsNs = tsNs;
}

export function recordAnomalyEvent(id: u16, framing: bool): void {
  if (!recording) return;
  if (anomalyEventCount >= ANOMALY_EVENT_CAPACITY) {
    addCounter(COUNTER_ANOMALY_EVENTS_DROPPED, 1);
    return;
  }
  const r = anomalyEventsPtr + <usize>(anomalyEventCount * ANOMALY_EVENT_SIZE);
  store<u64>(r + ANOMALY_EVENT_PKT_OFF, framing ? 0 : curPkt);
  store<u64>(r + ANOMALY_EVENT_TS_OFF, framing ? 0 : curTsNs);
  store<u16>(r + ANOMALY_EVENT_ID_OFF, id);
  store<u16>(r + ANOMALY_EVENT_FLAGS_OFF, framing ? <u16>ANOMALY_EVENT_F_FRAMING : 0);
  anomalyEventCount++;
}
