/**
 * `threshold(spec)`: Suricata's `threshold` semantics applied to a stream of alerts, per
 * signature and per tracked address, over windows of `seconds`:
 *   limit     — at most `count` alerts per window;
 *   threshold — every `count`-th alert in a window;
 *   both      — one alert per window, once `count` alerts were seen in it.
 * Windows start with the first alert of a (signature, address) pair, as in Suricata. Time is the
 * scheduler's (wall clock for live traffic; a virtual scheduler in tests).
 */
import { Observable, asyncScheduler, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';

export interface ThresholdSpec<T> {
  type: 'limit' | 'threshold' | 'both';
  count: number;
  seconds: number;
  /** Which address a window is kept for. */
  track: (alert: T) => string;
  /** The signature a window belongs to. */
  signature: (alert: T) => number | string;
}

export function threshold<T>(
  spec: ThresholdSpec<T>,
  scheduler: SchedulerLike = asyncScheduler,
): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((sub) => {
      const windows = new Map<string, { start: number; seen: number }>();
      return source.subscribe({
        next(a) {
          const now = scheduler.now();
          const key = `${spec.signature(a)}|${spec.track(a)}`;
          let w = windows.get(key);
          if (!w || now - w.start >= spec.seconds * 1000) {
            w = { start: now, seen: 0 };
            windows.set(key, w);
          }
          w.seen++;
          const pass =
            spec.type === 'limit'
              ? w.seen <= spec.count
              : spec.type === 'threshold'
                ? w.seen % spec.count === 0
                : w.seen === spec.count;
          if (pass) sub.next(a);
        },
        error: (e) => sub.error(e),
        complete: () => sub.complete(),
      });
    });
}
