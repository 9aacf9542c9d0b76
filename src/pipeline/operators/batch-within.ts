/**
 * `batchWithin(maxItems, maxMs)`: groups items for a sink (a database, an HTTP endpoint, Redis)
 * into arrays of at most `maxItems`, flushed at the latest `maxMs` after the first item of the
 * batch arrived, and at completion. Never emits an empty batch; never holds an item longer than
 * maxMs.
 */
import {
  Observable,
  asyncScheduler,
  type OperatorFunction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';

export function batchWithin<T>(
  maxItems: number,
  maxMs: number,
  scheduler: SchedulerLike = asyncScheduler,
): OperatorFunction<T, T[]> {
  return (source) =>
    new Observable<T[]>((sub) => {
      let batch: T[] = [];
      let timer: Subscription | undefined;
      const flush = (): void => {
        timer?.unsubscribe();
        timer = undefined;
        if (!batch.length) return;
        const out = batch;
        batch = [];
        sub.next(out);
      };
      const inner = source.subscribe({
        next(item) {
          batch.push(item);
          if (batch.length >= maxItems) flush();
          else if (!timer) timer = scheduler.schedule(flush, maxMs);
        },
        error: (e) => {
          flush();
          sub.error(e);
        },
        complete: () => {
          flush();
          sub.complete();
        },
      });
      return () => {
        timer?.unsubscribe();
        inner.unsubscribe();
      };
    });
}
