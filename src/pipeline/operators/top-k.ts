/**
 * `topK(k, windowMs, keyOf, weightOf?)`: the k heaviest keys over a sliding window of time —
 * top talkers (flows$ by source address, weighted by bytes), top ports, top signatures
 * (alerts$ by signature id). Emits the ranking every time an item arrives; items older than the
 * window fall out. Ties are broken by key, so the ranking is deterministic.
 */
import { Observable, asyncScheduler, type OperatorFunction, type SchedulerLike } from 'rxjs';

export interface Ranked<K> {
  key: K;
  weight: number;
}

export function topK<T, K extends string | number>(
  k: number,
  windowMs: number,
  keyOf: (item: T) => K,
  weightOf: (item: T) => number = () => 1,
  scheduler: SchedulerLike = asyncScheduler,
): OperatorFunction<T, Ranked<K>[]> {
  return (source) =>
    new Observable<Ranked<K>[]>((sub) => {
      const events: Array<{ t: number; key: K; w: number }> = [];
      const totals = new Map<K, number>();
      return source.subscribe({
        next(item) {
          const t = scheduler.now();
          const key = keyOf(item);
          const w = weightOf(item);
          events.push({ t, key, w });
          totals.set(key, (totals.get(key) ?? 0) + w);
          while (events.length && t - events[0]!.t >= windowMs) {
            const old = events.shift()!;
            const left = (totals.get(old.key) ?? 0) - old.w;
            if (left <= 0) totals.delete(old.key);
            else totals.set(old.key, left);
          }
          const ranked = [...totals.entries()]
            .map(([key, weight]) => ({ key, weight }))
            .sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
            .slice(0, k);
          sub.next(ranked);
        },
        error: (e) => sub.error(e),
        complete: () => sub.complete(),
      });
    });
}
