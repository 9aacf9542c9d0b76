/** Tests of xbits: typed specs from good values (ET Open's spellings), located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import { fails, opts, reason } from '../helpers.js';

describe('xbits', () => {
  it('commands, tracks and expiry (default 30 s)', () => {
    const r = opts(
      'xbits:set,ET.infostealer.pattern.2,track ip_pair,expire 15; xbits:isset,ET.IBMDRM1,track ip_dst; ' +
        'xbits:set, ET.PROPFIND, track ip_src, expire 360;',
    );
    expect(r.xbits).toEqual([
      { op: 'set', name: 'ET.infostealer.pattern.2', track: 'ip_pair', expire: 15 },
      { op: 'isset', name: 'ET.IBMDRM1', track: 'ip_dst', expire: 30 },
      { op: 'set', name: 'ET.PROPFIND', track: 'ip_src', expire: 360 },
    ]);
    expect(opts('xbits:noalert;').noalert).toBe(true);
  });

  it('reports what it cannot read', () => {
    expect(reason('xbits:frob,a,track ip_src;')).toMatch(/unknown command "frob"/);
    expect(reason('xbits:set,a;')).toMatch(/missing "track/);
    expect(reason('xbits:set,a,track by_src;')).toMatch(/unknown track "by_src"/);
    expect(reason('xbits:set,a,track ip_src,expire 0;')).toMatch(/xbits/);
    expect(reason('xbits:set,a b,track ip_src;')).toMatch(/not an xbit name/);
    expect(fails('xbits:set,a,track tx;').reason).toBe('unsupported: xbits track tx');
  });
});
