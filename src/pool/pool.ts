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
import type { WorkerAnswer, WorkerInit, WorkerTask } from './worker.js';
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
  private readonly pools: Piscina<WorkerTask, WorkerAnswer>[];
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
      const pool = new Piscina<WorkerTask, WorkerAnswer>({
        filename,
        execArgv,
        workerData,
        minThreads: 1,
        maxThreads: 1,
        idleTimeout: Number.MAX_SAFE_INTEGER,
        concurrentTasksPerWorker: 1,
        maxQueue: Number.MAX_SAFE_INTEGER, // the dispatcher bounds what is in flight
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

  /** The last task handed to each worker: the next one starts after it (see run). */
  private readonly queues: Promise<unknown>[] = [];

  /**
   * Run a task on worker `i`; resolves to its packed result or rejects with a typed error.
   * Tasks of one worker run strictly in submission order: piscina does not promise FIFO
   * execution (seen here: a later chunk ran before an earlier one), and a worker's framing and
   * flow state depend on seeing the stream in order.
   */
  run(i: number, task: WorkerTask, transferList?: ArrayBuffer[]): Promise<ArrayBuffer> {
    const prev = this.queues[i] ?? Promise.resolve();
    const next = prev.then(
      () => this.runNow(i, task, transferList),
      () => this.runNow(i, task, transferList),
    );
    this.queues[i] = next.catch(() => {});
    return next;
  }

  private async runNow(i: number, task: WorkerTask, transferList?: ArrayBuffer[]): Promise<ArrayBuffer> {
    const pool = this.pools[i];
    if (this.failure) throw this.failure;
    if (!pool || this.closed) throw new WorkerFailedError(`worker ${i} is not running`);
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new WorkerFailedError(`worker ${i} did not answer within ${this.timeoutMs} ms`, { worker: i }),
          ),
        this.timeoutMs,
      );
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
