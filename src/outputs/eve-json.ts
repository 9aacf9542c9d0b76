/**
 * EVE JSON (Suricata's eve.json): one event per line. Flow events as flows end, alert events as
 * alerts arrive, and a stats event at the end of the run. With `ordered`, the engine emits flows
 * sorted by first packet, so the file is byte-identical for any number of workers.
 */
import type { Engine } from '../engine.js';
import { eveAlertEvent } from './eve-alert.js';
import type { Classification } from '../rules/config.js';
import { eveFlowEvent } from './eve-flow.js';
import { eveMlEvent } from './eve-ml.js';
import { eveStatsEvent } from './eve-stats.js';
import { eveAppEvent } from './eve-app.js';
import { NdjsonFile } from './ndjson-file.js';

export const meta = {
  name: 'eve-json',
  summary: 'Suricata-compatible EVE JSON: flow, alert and stats events, one per line (LOGDIR/eve.json)',
  file: 'eve.json',
};

export interface EveJsonOptions {
  path: string;
  communityId?: boolean;
  /** classification.config entries: alert categories and default severities. */
  classifications?: ReadonlyMap<string, Classification>;
}

export interface AttachedOutput {
  close(): Promise<void>;
}

export function create(opts: EveJsonOptions): (engine: Engine) => AttachedOutput {
  return (engine) => {
    const file = new NdjsonFile(opts.path);
    let lastStats: Parameters<typeof eveStatsEvent>[0] | undefined;
    const alerted = new Set<bigint>();
    const subs = [
      engine.flows$.subscribe((f) => {
        const ev = eveFlowEvent(f, { communityId: opts.communityId ?? true });
        // flow.alerted: a flow's alerts always come before its end (same worker, earlier packets)
        if (alerted.delete(f.flowId)) (ev.flow as Record<string, unknown>).alerted = true;
        file.write(ev);
      }),
      engine.stats$.subscribe((s) => (lastStats = s)),
      engine.appEvents$.subscribe((e) => file.write(eveAppEvent(e))),
      engine.ml$.subscribe(
        (s) => s.flagged && file.write(eveMlEvent(s, { communityId: opts.communityId ?? true })),
      ),
      engine.alerts$.subscribe((a) => {
        if (a.hasFlow) alerted.add(a.flowId);
        file.write(
          eveAlertEvent(a, { classifications: opts.classifications, communityId: opts.communityId ?? true }),
        );
      }),
    ];
    return {
      async close() {
        for (const s of subs) s.unsubscribe();
        if (lastStats) file.write(eveStatsEvent(lastStats, { tsNs: lastStats.lastTsNs }));
        await file.close();
      },
    };
  };
}
