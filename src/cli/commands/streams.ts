/**
 * `netsift streams FILE... -o DIR`: reassemble every TCP connection and write each direction's
 * bytes to DIR, one file per direction named as tcpflow names them, for carving sessions out of
 * captures. Reassembly follows the engine's policy (first data wins on overlaps; holes stay
 * holes). `--depth` caps the bytes kept per direction (default: unlimited here, unlike the IDS
 * path's 1 MiB).
 */
import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { runFiles } from '../../capture/file-runner.js';
import { readStreamChunks, StreamWriter } from '../../flows/streams.js';
import { EngineInstance } from '../../wasm/instance.js';
import * as L from '../../wasm/layout.js';
import { flowConfig } from './flows.js';

interface StreamsOptions {
  output?: string;
  depth: string;
  maxFlows?: string;
  timeout?: string[];
  policy: string;
  quiet?: boolean;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export function registerStreams(program: Command): void {
  program
    .command('streams')
    .description("write each TCP direction's reassembled bytes to a file (tcpflow naming)")
    .argument('<files...>', 'capture files (pcap, pcapng, gzip); - for standard input')
    .requiredOption('-o, --output <dir>', 'directory for the stream files')
    .option('--depth <bytes>', 'bytes kept per direction, 0 = unlimited', '0')
    .option('--policy <first|last>', 'overlap policy for queued data', 'first')
    .option('--max-flows <n>', 'flow table cap')
    .option('--timeout <kind=s>', 'flow timeout in seconds (see `netsift flows --help`)', collect, [])
    .option('-q, --quiet', 'do not print the summary line')
    .action(async (files: string[], opts: StreamsOptions) => {
      const depth = Number(opts.depth);
      if (!Number.isInteger(depth) || depth < 0 || depth > 0xffffffff) {
        throw new ConfigError(`streams: --depth must be a byte count, got "${opts.depth}"`);
      }
      if (opts.policy !== 'first' && opts.policy !== 'last') {
        throw new ConfigError(`streams: --policy must be first or last, got "${opts.policy}"`);
      }
      const inst = new EngineInstance();
      inst.configure({
        ...flowConfig(opts),
        [L.CFG_REASM_DEPTH]: depth,
        [L.CFG_REASM_POLICY]: opts.policy === 'last' ? 1 : 0,
      });
      const writer = new StreamWriter(opts.output ?? '.');
      try {
        await runFiles(inst, files, {
          reassemble: true,
          onStreams: (r) => {
            for (const c of readStreamChunks(r.mem, r.ptr, r.count, r.dataPtr)) writer.write(c);
          },
        });
      } finally {
        writer.close();
      }
      if (!opts.quiet) {
        const bytes = [...writer.written.values()].reduce((a, b) => a + b, 0);
        process.stderr.write(
          `netsift streams: ${writer.written.size} files, ${bytes} bytes → ${opts.output}\n`,
        );
      }
    });
}
