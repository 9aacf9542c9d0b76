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
  /** detection_filter only (Suricata 8): count distinct source or destination ports. */
  uniqueOn?: 'src_port' | 'dst_port';
}

/**
 * `allowType`: threshold's `type` argument; `allowUniqueOn`: detection_filter's `unique_on`.
 */
export function parseTrackArgs(
  keyword: string,
  value: string,
  allowType: boolean,
  allowUniqueOn = false,
): TrackArgs {
  const seen = new Map<string, string>();
  for (const a of splitArgs(value)) {
    const m = /^(\S+)\s+(\S+)$/.exec(a);
    if (!m || m[1] === undefined || m[2] === undefined) badValue(keyword, `"${a}" is not "<key> <value>"`);
    const key = m[1];
    if (key === 'unique_on' && !allowUniqueOn) {
      unsupported(keyword, `"unique_on" belongs to detection_filter`, `unsupported: ${keyword} unique_on`);
    }
    if (key === 'unique_on' && m[2] !== 'src_port' && m[2] !== 'dst_port') {
      badValue(keyword, `unique_on must be src_port or dst_port, not "${m[2]}"`);
    }
    const known = [
      'track',
      'count',
      'seconds',
      ...(allowType ? ['type'] : []),
      ...(allowUniqueOn ? ['unique_on'] : []),
    ];
    if (!known.includes(key)) {
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
    uniqueOn: seen.get('unique_on') as TrackArgs['uniqueOn'],
  };
}
