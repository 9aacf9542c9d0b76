/** Tests of tag: typed specs (ET Open's spellings), a notice on the rule, located messages for bad values. */
import { describe, expect, it } from 'vitest';
import { TAG_NOTICE } from '../../../../src/rules/keywords/tag.js';
import { opts, reason } from '../helpers.js';

describe('tag', () => {
  it('session and host forms; the rule loads with a notice', () => {
    const r = opts('tag:session,5,packets;');
    expect(r.tag).toEqual({ type: 'session', count: 5, metric: 'packets', direction: undefined });
    expect(r.notices).toEqual([TAG_NOTICE]);
    expect(opts('tag:session,300,seconds;').tag).toMatchObject({ count: 300, metric: 'seconds' });
    expect(opts('tag:session;').tag).toEqual({ type: 'session', count: 256, metric: 'packets' });
    expect(opts('tag:host,10,bytes,dst;').tag).toEqual({
      type: 'host',
      count: 10,
      metric: 'bytes',
      direction: 'dst',
    });
  });

  it('reports what it cannot read', () => {
    expect(reason('tag:SUPERAntiSpyware.exe";')).toMatch(/is not session or host/);
    expect(reason('tag:session,5,minutes;')).toMatch(/is not packets, seconds or bytes/);
    expect(reason('tag:host,5,packets;')).toMatch(/host needs a direction/);
    expect(reason('tag:session,5,packets,up;')).toMatch(/"up" is not src or dst/);
  });
});
