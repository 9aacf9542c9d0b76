/**
 * The worker pool: N workers, each a single-thread piscina pool, so that worker i always runs
 * shard i (piscina alone hands a task to any idle thread, and flow state must not move). The
 * WebAssembly module is compiled once here and cloned into every worker. A task that fails or
 * a worker that dies or stops answering becomes a WorkerFailedError naming the worker.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { EngineError, errorFromPlain, WorkerFailedError, type PlainError } from '../errors.js';
import { compileEngineModule } from '../wasm/module.js';
import type { PostedTask, WorkerAnswer, WorkerInit, WorkerTask } from './worker.js';
import type { WorkerMlInit } from '../ml/worker-ml.js';
import type { WorkerRuleset } from '../alerts/worker-match.js';

export interface PoolOptions {
  workers?: number;
  config?: Record<number, number>;
  flows?: boolean;
  reassemble?: boolean;
  /** App-layer stage in the workers (issue 7). */
  app?: boolean;
  /** Compiled --bpf program (src/filter), loaded by every worker. */
  filter?: Uint8Array;
  /** Compiled rules for the match stage (src/alerts/worker-match.ts), sent to every worker once. */
  ruleset?: WorkerRuleset;
  /** ML: flow features and inline scoring, set up in every worker (src/ml/worker-ml.ts). */
  ml?: WorkerMlInit;
  /** Record anomaly events (anomalies$). */
  anomalies?: boolean;
  /** Send decoded packets back (packets$, the slow path). */
  packets?: boolean;
  /** A task that takes longer than this is a hung worker (ms). */
  taskTimeoutMs?: number;
}

/** Tasks posted to one worker at a time: more than the dispatcher ever has in flight. */
const MAX_POSTED = 64;

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/** The worker entry next to this module: worker.js when built, worker.ts under tsx/vitest. */
function workerEntry(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return { filename: fileURLToPath(new URL('./worker.ts', here)), execArgv: ['--import', 'tsx'] };
  }
  return { filename: fileURLToPath(new URL('./worker.js', here)), execArgv: [] };
}

export class WorkerPool {
  readonly size: number;
  private readonly pools: Piscina<PostedTask, WorkerAnswer>[];
  private readonly timeoutMs: number;
  private closed = false;
  /** Set when a worker thread exits outside close(): its flow state is gone, so the run must fail. */
  private failure: WorkerFailedError | undefined;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, Math.floor(opts.workers ?? defaultWorkerCount()));
    this.timeoutMs = opts.taskTimeoutMs ?? 60_000;
    const module = compileEngineModule();
    const { filename, execArgv } = workerEntry();
    this.pools = Array.from({ length: this.size }, (_, i) => {
      const onLost = (why: string): void => {
        if (!this.closed && !this.failure) {
          this.failure = new WorkerFailedError(`worker ${i} ${why}; its flows and stream state are lost`, {
            worker: i,
          });
        }
      };
      const workerData: WorkerInit = {
        module,
        shardIndex: i,
        shardCount: this.size,
        config: opts.config ?? {},
        flows: opts.flows ?? true,
        reassemble: opts.reassemble ?? false,
        app: opts.app ?? false,
        filter: opts.filter,
        ruleset: opts.ruleset,
        ml: opts.ml,
        anomalies: opts.anomalies ?? false,
        packets: opts.packets ?? false,
      };
      const pool = new Piscina<PostedTask, WorkerAnswer>({
        filename,
        execArgv,
        workerData,
        minThreads: 1,
        maxThreads: 1,
        idleTimeout: Number.MAX_SAFE_INTEGER,
        // tasks are posted to the worker as they come (see run); the dispatcher bounds how many
        concurrentTasksPerWorker: MAX_POSTED,
        stricterFIFO: true, // should piscina ever queue a task, it keeps the order
        maxQueue: Number.MAX_SAFE_INTEGER,
      });
      let created = 0;
      pool.on('workerCreate', () => {
        if (++created > 1) onLost('was restarted after its thread exited');
      });
      pool.on('workerDestroy', () => onLost('exited'));
      pool.on('error', (err: Error) => onLost(`raised ${err.message}`));
      return pool;
    });
  }

  /** Per worker: the settling of the last task handed to it, and the sequence number of the next. */
  private readonly last: Promise<unknown>[] = [];
  private readonly nextSeq: number[] = [];

  /**
   * Run a task on worker `i`; resolves to its packed result or rejects with a typed error.
   * The task is posted at once, so the worker finds its next chunk waiting when it finishes one
   * instead of idling for a round trip through the main thread (which may be busy with the
   * previous results). Tasks of one worker must run in submission order (its framing and flow
   * state depend on seeing the stream in order): posted directly, they queue on the worker's
   * message port, which keeps order, and every task carries a sequence number the worker checks.
   * The hang timer of a task starts when its predecessor settles: waiting in line is not hanging.
   */
  run(i: number, task: WorkerTask, transferList?: ArrayBuffer[]): Promise<ArrayBuffer> {
    const seq = this.nextSeq[i] ?? 0;
    this.nextSeq[i] = seq + 1;
    const prev = this.last[i] ?? Promise.resolve();
    const next = this.runNow(i, { ...task, seq }, prev, transferList);
    this.last[i] = next.catch(() => {});
    return next;
  }

  private async runNow(
    i: number,
    task: PostedTask,
    prev: Promise<unknown>,
    transferList?: ArrayBuffer[],
  ): Promise<ArrayBuffer> {
    const pool = this.pools[i];
    if (this.failure) throw this.failure;
    if (!pool || this.closed) throw new WorkerFailedError(`worker ${i} is not running`);
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const hung = new Promise<never>((_, reject) => {
      void prev.then(() => {
        if (settled) return;
        timer = setTimeout(
          () =>
            reject(
              new WorkerFailedError(`worker ${i} did not answer within ${this.timeoutMs} ms`, { worker: i }),
            ),
          this.timeoutMs,
        );
      });
    });
    try {
      const answer = await Promise.race([pool.run(task, transferList ? { transferList } : {}), hung]);
      if (this.failure) throw this.failure;
      if (answer instanceof ArrayBuffer) return answer;
      throw errorFromPlain(answer as PlainError);
    } catch (err) {
      if (err instanceof EngineError) throw err;
      throw (
        this.failure ?? new WorkerFailedError(`worker ${i} failed: ${(err as Error).message}`, { worker: i })
      );
    } finally {
      settled = true;
      clearTimeout(timer);
    }
  }

  /** Run the same task on every worker, in worker order. */
  all(task: WorkerTask): Promise<ArrayBuffer[]> {
    return Promise.all(this.pools.map((_, i) => this.run(i, task)));
  }

  /** The worker threads (one per shard), for tests that kill one. */
  get threads(): readonly import('node:worker_threads').Worker[] {
    return this.pools.flatMap((p) => p.threads);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.pools.map((p) => p.destroy()));
  }
}
