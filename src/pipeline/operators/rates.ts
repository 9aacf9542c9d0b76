/**
 * `rates(windowMs)`: turns cumulative counter snapshots (stats$, or anything with a count and a
 * byte total) into rates over a sliding window of wall-clock time: packets/s, bits/s and, when
 * the snapshots carry it, alerts/s. Emits one rate per snapshot once two snapshots span time.
 */
import { Observable, asyncScheduler, type OperatorFunction, type SchedulerLike } from 'rxjs';

export interface CounterSnapshot {
  packets: number;
  bytes: number;
  alerts?: number;
}

export interface Rates {
  packetsPerS: number;
  bitsPerS: number;
  alertsPerS: number;
  /** Span the rates were measured over (ms); at most the window. */
  spanMs: number;
}

export function rates<T extends CounterSnapshot>(
  windowMs: number,
  scheduler: SchedulerLike = asyncScheduler,
): OperatorFunction<T, Rates> {
  return (source) =>
    new Observable<Rates>((sub) => {
      const seen: Array<{ t: number; s: CounterSnapshot }> = [];
      return source.subscribe({
        next(s) {
          const t = scheduler.now();
          seen.push({ t, s });
          while (seen.length > 2 && t - seen[1]!.t >= windowMs) seen.shift();
          const first = seen[0]!;
          const span = t - first.t;
          if (span <= 0) return;
          const sec = span / 1000;
          sub.next({
            packetsPerS: (s.packets - first.s.packets) / sec,
            bitsPerS: ((s.bytes - first.s.bytes) * 8) / sec,
            alertsPerS: ((s.alerts ?? 0) - (first.s.alerts ?? 0)) / sec,
            spanMs: span,
          });
        },
        error: (e) => sub.error(e),
        complete: () => sub.complete(),
      });
    });
}
