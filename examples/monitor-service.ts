/**
 * A small service that embeds netsift: it runs captures through the engine, keeps live counts
 * from the streams (flows per protocol, top talkers over the last minute, packets/s), and serves
 * them as JSON over HTTP. Run it:
 *
 *   npx tsx examples/monitor-service.ts capture.pcap [port]
 *   curl localhost:8080/stats
 *
 * test/unit/examples/monitor-service.test.ts starts it on a generated capture and queries it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createEngine,
  fromFile,
  protoName,
  rates,
  topK,
  type EngineStats,
  type Rates,
  type Ranked,
} from '../src/index.js';

export interface MonitorOptions {
  files: readonly string[];
  /** 0 picks a free port. */
  port?: number;
  workers?: number;
}

export interface Monitor {
  url: string;
  /** Resolves when the captures have been read (the service keeps serving). */
  done: Promise<EngineStats>;
  close(): Promise<void>;
}

export async function startMonitor(opts: MonitorOptions): Promise<Monitor> {
  const engine = createEngine({ workers: opts.workers ?? 2, statsIntervalMs: 200 });
  const flowsByProto: Record<string, number> = {};
  let flows = 0;
  let talkers: Ranked<string>[] = [];
  let stats: EngineStats | undefined;
  let rate: Rates | undefined;

  engine.flows$.subscribe((f) => {
    flows++;
    const proto = protoName(f.proto);
    flowsByProto[proto] = (flowsByProto[proto] ?? 0) + 1;
  });
  engine.flows$
    .pipe(
      topK(
        5,
        60_000,
        (f) => f.srcIp,
        (f) => Number(f.bytesToServer + f.bytesToClient),
      ),
    )
    .subscribe((t) => (talkers = t));
  engine.stats$.subscribe((s) => (stats = s));
  engine.stats$.pipe(rates(5_000)).subscribe((r) => (rate = r));

  const server: Server = createServer((req, res) => {
    if (req.url === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          packets: stats?.packets ?? 0,
          bytes: stats?.bytes ?? 0,
          anomalies: stats?.anomalies ?? {},
          flows,
          flowsByProto,
          topTalkers: talkers,
          packetsPerS: rate?.packetsPerS ?? 0,
        }),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('try /stats\n');
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const done = engine.run(fromFile(opts.files));
  done.catch(() => {});
  return {
    url: `http://127.0.0.1:${port}`,
    done,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
    },
  };
}

// run as a script: npx tsx examples/monitor-service.ts FILE [PORT]
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const [file, port] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: monitor-service.ts CAPTURE [PORT]\n');
    process.exit(2);
  }
  const m = await startMonitor({ files: [file], port: Number(port ?? 8080) });
  process.stdout.write(`serving ${m.url}/stats\n`);
  await m.done;
}
