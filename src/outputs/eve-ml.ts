/**
 * EVE `ml` events: one per finished flow a model flagged (score >= threshold), with the flow's
 * addresses, ports and id like a flow event, and `ml` {model, kind, score, label, probability,
 * top_features [{name, value}]}. Why a type of its own, `ml`: Suricata's `anomaly` event type already means
 * decoder/stream protocol anomalies and tools filter on it, and an ML verdict is not an alert
 * of a rule (no signature id); one `ml` type covers classifiers and the unsupervised baseline
 * (`kind` tells them apart) so consumers need one filter.
 */
import { flowCommunityId } from '../flows/community-id.js';
import type { MlScore } from '../ml/engine-ml.js';
import { protoName } from './eve-flow.js';
import { eveTimestamp } from './eve-time.js';

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

export function eveMlEvent(s: MlScore, opts: { communityId?: boolean } = {}): Record<string, unknown> {
  const f = s.flow;
  const isIcmp = f.proto === 1 || f.proto === 58;
  const ev: Record<string, unknown> = {
    timestamp: eveTimestamp(f.endNs),
    flow_id: Number(f.flowId),
    event_type: 'ml',
    src_ip: f.srcIp,
  };
  if (!isIcmp) ev.src_port = f.srcPort;
  ev.dest_ip = f.destIp;
  if (!isIcmp) ev.dest_port = f.destPort;
  ev.proto = protoName(f.proto);
  const ml: Record<string, unknown> = { model: s.model, kind: s.kind, score: round(s.score) };
  if (s.label !== undefined) {
    ml.label = s.label;
    ml.probability = round(s.prob);
  }
  ml.top_features = s.top.map((i, k) => ({ name: s.topFeatures[k], value: round(s.features[i] ?? 0) }));
  ev.ml = ml;
  if (opts.communityId ?? true) ev.community_id = flowCommunityId(f);
  return ev;
}
