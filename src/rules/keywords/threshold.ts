/**
 * threshold: alert rate control (Suricata "Rule Thresholding" § threshold):
 * `threshold: type <threshold|limit|both>, track <by_src|by_dst|by_rule|by_both|by_flow>,
 *  count <N>, seconds <T>;`
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { ThresholdSpec } from '../types.js';
import { parseTrackArgs } from './track.js';
import { once, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'threshold',
  summary: 'limit or threshold how often the rule alerts',
  syntax:
    'threshold:type <threshold|limit|both>, track <by_src|by_dst|by_rule|by_both|by_flow>, count <N>, seconds <T>;',
  example: 'threshold:type limit, track by_src, count 1, seconds 60;',
};

export function parse(value: string | undefined): ThresholdSpec {
  const a = parseTrackArgs('threshold', requireValue('threshold', value), true);
  const type = a.type;
  if (type !== 'threshold' && type !== 'limit' && type !== 'both') {
    badValue('threshold', `unknown type "${type}" (expected threshold, limit or both)`);
  }
  return { type, track: a.track, count: a.count, seconds: a.seconds };
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: ThresholdSpec) {
    once(rule, 'threshold');
    rule.threshold = spec;
  },
});
