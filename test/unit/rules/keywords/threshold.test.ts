/** Tests of threshold and detection_filter (shared track/count/seconds grammar): typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import { fails, opts, reason } from '../helpers.js';

describe('threshold and detection_filter', () => {
  it('threshold and detection_filter', () => {
    const r = opts(
      'threshold: type limit, track by_src, seconds 3600, count 1; detection_filter:track by_dst, count 5, seconds 60;',
    );
    expect(r.threshold).toEqual({ type: 'limit', track: 'by_src', count: 1, seconds: 3600 });
    expect(r.detectionFilter).toEqual({ track: 'by_dst', count: 5, seconds: 60 });
    expect(reason('threshold:type limit, track by_src, count 1;')).toMatch(/missing "seconds"/);
    expect(reason('threshold:type often, track by_src, count 1, seconds 1;')).toMatch(/unknown type "often"/);
    expect(reason('detection_filter:track by_cat, count 1, seconds 1;')).toMatch(/unknown track "by_cat"/);
    expect(reason('detection_filter:type limit, track by_src, count 1, seconds 1;')).toMatch(
      /unknown argument "type"/,
    );
  });

  it('detection_filter unique_on (Suricata 8): src_port or dst_port, on rules with ports only', () => {
    expect(
      opts('detection_filter:track by_dst, count 3, seconds 60, unique_on dst_port;').detectionFilter,
    ).toEqual({
      track: 'by_dst',
      count: 3,
      seconds: 60,
      uniqueOn: 'dst_port',
    });
    expect(
      opts(
        'detection_filter:unique_on src_port, track by_src, count 1, seconds 9;',
        'alert udp any any -> any any',
      ).detectionFilter?.uniqueOn,
    ).toBe('src_port');
    expect(reason('detection_filter:track by_dst, count 3, seconds 60, unique_on dst_ip;')).toMatch(
      /unique_on must be src_port or dst_port/,
    );
    expect(
      fails(
        'detection_filter:track by_dst, count 3, seconds 60, unique_on dst_port;',
        'alert icmp any any -> any any',
      ).issues[0]?.message,
    ).toMatch(/needs a tcp, udp or sctp rule/);
    expect(fails('threshold:type limit, track by_dst, count 3, seconds 60, unique_on dst_port;').reason).toBe(
      'unsupported: threshold unique_on',
    );
  });
});
