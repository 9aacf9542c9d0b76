/**
 * The `type/track/count/seconds` grammar shared by threshold and detection_filter (Suricata
 * "Rule Thresholding" chapter). Arguments are comma-separated `key value` pairs in any order.
 */
import { badValue, unsupported } from '../issues.js';
import type { TrackBy } from '../types.js';
import { parseInteger } from '../values/number.js';
import { splitArgs } from './util.js';

const TRACKS: readonly TrackBy[] = ['by_src', 'by_dst', 'by_rule', 'by_both', 'by_flow'];

export interface TrackArgs {
  type?: string;
  track: TrackBy;
  count: number;
  seconds: number;
}

export function parseTrackArgs(keyword: string, value: string, allowType: boolean): TrackArgs {
  const seen = new Map<string, string>();
  for (const a of splitArgs(value)) {
    const m = /^(\S+)\s+(\S+)$/.exec(a);
    if (!m || m[1] === undefined || m[2] === undefined) badValue(keyword, `"${a}" is not "<key> <value>"`);
    const key = m[1];
    if (key === 'unique_on') {
      unsupported(keyword, `"unique_on ${m[2]}" is not supported yet`, `unsupported: ${keyword} unique_on`);
    }
    if (!['track', 'count', 'seconds', ...(allowType ? ['type'] : [])].includes(key)) {
      badValue(keyword, `unknown argument "${key}"`);
    }
    if (seen.has(key)) badValue(keyword, `"${key}" given twice`);
    seen.set(key, m[2]);
  }
  const need = (k: string): string => {
    const v = seen.get(k);
    if (v === undefined) badValue(keyword, `missing "${k}"`);
    return v;
  };
  const trackText = need('track');
  const track = TRACKS.find((t) => t === trackText);
  if (!track) badValue(keyword, `unknown track "${trackText}" (expected ${TRACKS.join(', ')})`);
  return {
    type: allowType ? need('type') : undefined,
    track,
    count: parseInteger(keyword, need('count'), 0, 0xffffffff),
    seconds: parseInteger(keyword, need('seconds'), 0, 0xffffffff),
  };
}
