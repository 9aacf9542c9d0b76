// App-layer anomalies are counted where they happen: the app stage runs after the packet's
// decode anomalies were settled (and at flow end, outside any packet), on the worker that owns
// the flow, so it counts directly instead of through the per-packet deferral.

import { ANOMALY_COUNTERS, ANOMALY_COUNTERS_BASE } from '../abi/layout';
import { addCounter } from '../stats/counters';

export function appAnomaly(id: u16): void {
  if (<u32>id < ANOMALY_COUNTERS) addCounter(ANOMALY_COUNTERS_BASE + <u32>id, 1);
}
