/**
 * tag: after the rule alerts, tag the following packets of the session or host for logging
 * (Suricata "Tag" keyword): `tag:session[, <count>, <packets|seconds|bytes>[, src|dst]];` or
 * `tag:host, <count>, <packets|seconds|bytes>, <src|dst>;` (`tag:session` alone: 256 packets).
 * netsift raises the rule's alert as Suricata does; the tagged packets themselves are not logged
 * (no EVE `packet` events), which the rule's notice says and `netsift rules check` lists.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { TagSpec } from '../types.js';
import { parseInteger } from '../values/number.js';
import { once, requireValue, splitArgs } from './util.js';

export const meta: KeywordMeta = {
  name: 'tag',
  summary: 'tag the session or host after an alert (the alert is raised; tagged packets are not logged)',
  syntax: 'tag:<session|host>[, <count>, <packets|seconds|bytes>[, <src|dst>]];',
  example: 'tag:session,5,packets;',
};

const METRICS: readonly TagSpec['metric'][] = ['packets', 'seconds', 'bytes'];
export const TAG_NOTICE = 'tag: the alert is raised, but tagged packets are not logged';

export function parse(value: string | undefined): TagSpec {
  const [type, count, metric, direction, extra] = splitArgs(requireValue('tag', value));
  if (type !== 'session' && type !== 'host') badValue('tag', `"${type ?? ''}" is not session or host`);
  if (extra !== undefined) badValue('tag', 'too many arguments');
  if (count === undefined) {
    if (type === 'host') badValue('tag', 'host needs <count>, <metric>, <src|dst>');
    return { type, count: 256, metric: 'packets' };
  }
  const m = METRICS.find((x) => x === metric);
  if (!m) badValue('tag', `"${metric ?? ''}" is not packets, seconds or bytes`);
  if (direction !== undefined && direction !== 'src' && direction !== 'dst')
    badValue('tag', `"${direction}" is not src or dst`);
  if (type === 'host' && direction === undefined) badValue('tag', 'host needs a direction (src or dst)');
  return { type, count: parseInteger('tag', count, 1, 0xffffffff), metric: m, direction };
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: TagSpec) {
    once(rule, 'tag');
    rule.tag = spec;
    (rule.notices ??= []).push(TAG_NOTICE);
  },
});
