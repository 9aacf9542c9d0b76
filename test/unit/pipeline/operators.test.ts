/** Marble tests for the windowed operators: virtual time, exact emissions. */
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { batchWithin, rates, suppress, threshold, topK } from '../../../src/pipeline/operators/index.js';

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

describe('batchWithin', () => {
  it('flushes on size, on time after the first item, and at completion; never empty', () => {
    scheduler().run(({ cold, expectObservable }) => {
      // marble spaces are not time: a,b,c at frames 0,1,2 (size 3 flushes at 2); d at 203 starts a
      // 100 ms timer; e at 254 joins; completion at 255 flushes [d, e] before the timer
      const src = cold('a b c 200ms d 50ms e |');
      expectObservable(src.pipe(batchWithin(3, 100))).toBe('--x 252ms (y|)', {
        x: ['a', 'b', 'c'],
        y: ['d', 'e'],
      });
    });
  });

  it('emits the rest when the source completes before the timer', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a b |').pipe(batchWithin(10, 1000))).toBe('--(x|)', { x: ['a', 'b'] });
    });
  });

  it('flushes on the timer when the source is slow', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a 500ms b').pipe(batchWithin(10, 100))).toBe('100ms x 500ms y', {
        x: ['a'],
        y: ['b'],
      });
    });
  });
});

describe('threshold', () => {
  const spec = (type: 'limit' | 'threshold' | 'both') => ({
    type,
    count: 2,
    seconds: 1,
    track: (a: string) => a[0]!,
    signature: () => 1,
  });

  it('limit: at most count per window per address', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const src = cold('a 100ms a 100ms a 1000ms a');
      expectObservable(src.pipe(threshold(spec('limit')))).toBe('a 100ms a 1101ms a');
    });
  });

  it('threshold: every count-th alert in a window', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const src = cold('a 10ms a 10ms a 10ms a');
      expectObservable(src.pipe(threshold(spec('threshold')))).toBe('- 10ms a 21ms a');
    });
  });

  it('both: one alert per window once count is reached, tracked per address', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const src = cold('a b 10ms a b 10ms a');
      expectObservable(src.pipe(threshold(spec('both')))).toBe('-- 10ms a b');
    });
  });
});

describe('topK', () => {
  it('ranks by weight over a sliding window, ties by key', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const src = cold('a b a 100ms c', { a: 'x', b: 'y', c: 'y' });
      expectObservable(src.pipe(topK(2, 50, (s) => s))).toBe('a b c 100ms d', {
        a: [{ key: 'x', weight: 1 }],
        b: [
          { key: 'x', weight: 1 },
          { key: 'y', weight: 1 },
        ],
        c: [
          { key: 'x', weight: 2 },
          { key: 'y', weight: 1 },
        ],
        d: [{ key: 'y', weight: 1 }],
      });
    });
  });
});

describe('rates', () => {
  it('packets/s and bits/s over the window from cumulative snapshots', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const src = cold('a 999ms b 999ms c', {
        a: { packets: 0, bytes: 0, alerts: 0 },
        b: { packets: 100, bytes: 1000, alerts: 5 },
        c: { packets: 300, bytes: 3000, alerts: 5 },
      });
      expectObservable(src.pipe(rates(1000))).toBe('- 999ms b 999ms c', {
        b: { packetsPerS: 100, bitsPerS: 8000, alertsPerS: 5, spanMs: 1000 },
        c: { packetsPerS: 200, bitsPerS: 16000, alertsPerS: 0, spanMs: 1000 },
      });
    });
  });
});

describe('suppress', () => {
  it('drops a signature entirely, or only for listed addresses', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const v = {
        a: { signatureId: 1, srcIp: '10.0.0.1', destIp: '10.0.0.2' },
        b: { signatureId: 2, srcIp: '10.0.0.1', destIp: '10.0.0.2' },
        c: { signatureId: 2, srcIp: '10.0.0.9', destIp: '10.0.0.2' },
        d: { signatureId: 3, srcIp: '10.0.0.1', destIp: '10.0.0.2' },
      };
      const rules = [
        { signatureId: 1 },
        { signatureId: 2, track: 'by_src' as const, addresses: new Set(['10.0.0.1']) },
      ];
      expectObservable(cold('abcd', v).pipe(suppress(rules))).toBe('--cd', v);
    });
  });
});
