/**
 * detection_filter: alert only after the rule matched `count` times within `seconds`
 * (Suricata "Rule Thresholding" § detection_filter):
 * `detection_filter: track <by_src|by_dst|by_rule|by_both|by_flow>, count <N>, seconds <T>;`
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { DetectionFilterSpec } from '../types.js';
import { parseTrackArgs } from './track.js';
import { once, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'detection_filter',
  summary: 'alert only once the rule matched count times in seconds',
  syntax: 'detection_filter:track <by_src|by_dst|by_rule|by_both|by_flow>, count <N>, seconds <T>;',
  example: 'detection_filter:track by_src, count 10, seconds 60;',
};

export function parse(value: string | undefined): DetectionFilterSpec {
  const a = parseTrackArgs('detection_filter', requireValue('detection_filter', value), false);
  return { track: a.track, count: a.count, seconds: a.seconds };
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: DetectionFilterSpec) {
    once(rule, 'detection_filter');
    rule.detectionFilter = spec;
  },
});
