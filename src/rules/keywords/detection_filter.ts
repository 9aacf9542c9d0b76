/**
 * detection_filter: alert only after the rule matched `count` times within `seconds`
 * (Suricata "Rule Thresholding" § detection_filter):
 * `detection_filter: track <by_src|by_dst|by_rule|by_both|by_flow>, count <N>, seconds <T>
 * [, unique_on <src_port|dst_port>];`. With unique_on (Suricata 8) the matches counted are the
 * distinct ports seen in the window: alerts start once more than `count` distinct ports were seen,
 * and a new window starts with the port of the packet that opens it. unique_on needs a protocol
 * with ports (tcp, udp, sctp).
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { DetectionFilterSpec } from '../types.js';
import { parseTrackArgs } from './track.js';
import { badValue } from '../issues.js';
import { once, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'detection_filter',
  summary: 'alert only once the rule matched count times in seconds',
  syntax:
    'detection_filter:track <by_src|by_dst|by_rule|by_both|by_flow>, count <N>, seconds <T>' +
    '[, unique_on <src_port|dst_port>];',
  example: 'detection_filter:track by_src, count 10, seconds 60;',
};

export function parse(value: string | undefined): DetectionFilterSpec {
  const a = parseTrackArgs('detection_filter', requireValue('detection_filter', value), false, true);
  return { track: a.track, count: a.count, seconds: a.seconds, ...(a.uniqueOn && { uniqueOn: a.uniqueOn }) };
}

const PORTED = new Set(['tcp', 'udp', 'sctp']);

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: DetectionFilterSpec) {
    once(rule, 'detection_filter');
    if (spec.uniqueOn && !PORTED.has(rule.protocol)) {
      badValue('detection_filter', `unique_on needs a tcp, udp or sctp rule, not "${rule.protocol}"`);
    }
    rule.detectionFilter = spec;
  },
});
