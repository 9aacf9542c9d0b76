/**
 * `netsift flows FILE... [--json] [--format eve|zeek|text]`: one record per flow at its end
 * (timeout, forced eviction, end of input) — EVE `flow` events (--json / --format eve), a Zeek
 * conn.log-like TSV (--format zeek) or one text line per flow. Flow timeouts and the table cap
 * are options; records are printed in flow start order (first packet number).
 */
import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { runFiles } from '../../capture/file-runner.js';
import { compareFlows, readFlowRecords, type FlowRecord } from '../../flows/record.js';
import { flowCommunityId } from '../../flows/community-id.js';
import { zeekConnLine, zeekHeader } from '../../flows/zeek.js';
import { BPF_OPTION_FLAGS, BPF_OPTION_HELP, bpfProgram } from '../../filter/option.js';
import { eveFlowEvent, protoName } from '../../outputs/eve-flow.js';
import { EngineInstance } from '../../wasm/instance.js';
import * as L from '../../wasm/layout.js';
import { LineWriter } from '../output.js';

interface FlowsOptions {
  json?: boolean;
  format?: string;
  maxFlows?: string;
  timeout?: string[];
  bpf?: string;
}

/** Timeout option names → config words. */
const TIMEOUT_KEYS: Record<string, number> = {
  'tcp-new': L.CFG_TCP_NEW_S,
  'tcp-established': L.CFG_TCP_EST_S,
  'tcp-closed': L.CFG_TCP_CLOSED_S,
  'udp-new': L.CFG_UDP_NEW_S,
  'udp-established': L.CFG_UDP_EST_S,
  'icmp-new': L.CFG_ICMP_NEW_S,
  'icmp-established': L.CFG_ICMP_EST_S,
  'other-new': L.CFG_OTHER_NEW_S,
  'other-established': L.CFG_OTHER_EST_S,
};

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0 || n > 0xffffffff) {
    throw new ConfigError(`flows: ${name} must be a positive integer, got "${v}"`);
  }
  return n;
}

/** Engine config words from `--max-flows` and `--timeout KIND=SECONDS` (KIND "all" sets every timeout). */
export function flowConfig(opts: { maxFlows?: string; timeout?: string[] }): Record<number, number> {
  const cfg: Record<number, number> = {};
  if (opts.maxFlows !== undefined) cfg[L.CFG_FLOW_MAX] = positiveInt('--max-flows', opts.maxFlows);
  for (const t of opts.timeout ?? []) {
    const [k = '', v = ''] = t.split('=', 2);
    const secs = positiveInt(`--timeout ${k}`, v);
    if (k === 'all') for (const idx of Object.values(TIMEOUT_KEYS)) cfg[idx] = secs;
    else if (TIMEOUT_KEYS[k] !== undefined) cfg[TIMEOUT_KEYS[k]] = secs;
    else
      throw new ConfigError(`flows: unknown timeout "${k}" (all, ${Object.keys(TIMEOUT_KEYS).join(', ')})`);
  }
  return cfg;
}

function textLine(f: FlowRecord): string {
  return (
    `${f.srcIp}:${f.srcPort} -> ${f.destIp}:${f.destPort} ${protoName(f.proto)} ` +
    `pkts ${f.pktsToServer}/${f.pktsToClient} bytes ${f.bytesToServer}/${f.bytesToClient} ` +
    `${f.state} ${f.reason} ${flowCommunityId(f)}`
  );
}

export function registerFlows(program: Command): void {
  program
    .command('flows')
    .description('one record per flow (EVE flow events, Zeek conn.log-like TSV, or text)')
    .argument('<files...>', 'capture files (pcap, pcapng, gzip); - for standard input')
    .option('--json', 'EVE flow events (same as --format eve)')
    .option('--format <fmt>', 'eve | zeek | text', 'text')
    .option('--max-flows <n>', 'flow table cap; beyond it the least recently seen flow is evicted')
    .option('--timeout <kind=s>', 'flow timeout in seconds: all, tcp-new, tcp-established, …', collect, [])
    .option(BPF_OPTION_FLAGS, BPF_OPTION_HELP)
    .action(async (files: string[], opts: FlowsOptions) => {
      const format = opts.json ? 'eve' : (opts.format ?? 'text');
      if (!['eve', 'zeek', 'text'].includes(format)) {
        throw new ConfigError(`flows: unknown --format ${format} (eve, zeek, text)`);
      }
      const inst = new EngineInstance();
      inst.configure(flowConfig(opts));
      const flows: FlowRecord[] = [];
      await runFiles(inst, files, {
        flows: true,
        filter: bpfProgram(opts.bpf),
        onFlows: (r) => {
          for (const f of readFlowRecords(r.mem, r.ptr, r.count)) flows.push(f);
        },
      });
      flows.sort(compareFlows);
      const out = new LineWriter();
      if (format === 'zeek') for (const l of zeekHeader(new Date(0).toISOString())) out.line(l);
      for (const f of flows) {
        if (format === 'eve') out.line(JSON.stringify(eveFlowEvent(f)));
        else if (format === 'zeek') out.line(zeekConnLine(f));
        else out.line(textLine(f));
        await out.maybeFlush();
      }
      await out.flush();
    });
}
