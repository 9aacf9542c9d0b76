/**
 * `netsift decode FILE... -T fields -e FIELD ... [-E header=y] [-E separator=/t]`: tshark's
 * field output (same names, same value formatting), or `-T json` (one object per packet).
 */
import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { listFields, resolveFields } from '../../packets/fields.js';
import type { DecodedPacket } from '../../packets/packet.js';
import { packetToJson } from '../../packets/json.js';
import { printPacketLines } from '../packet-lines.js';
import { BPF_OPTION_FLAGS, BPF_OPTION_HELP, bpfProgram } from '../../filter/option.js';

interface DecodeOptions {
  T: string;
  e: string[];
  E: string[];
  count?: string;
  listFields?: boolean;
  bpf?: string;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

/** tshark's -E options: header=y|n, separator=/t|/s|<char>, quote=n. */
function parseE(opts: string[]): { header: boolean; separator: string } {
  let header = false;
  let separator = '\t';
  for (const o of opts) {
    const [k, v = ''] = o.split('=', 2);
    if (k === 'header') header = v === 'y';
    else if (k === 'separator') separator = v === '/t' ? '\t' : v === '/s' ? ' ' : v;
    else if (k === 'occurrence' || k === 'quote' || k === 'aggregator') {
      if (k === 'occurrence' && v !== 'f')
        throw new ConfigError(`-E occurrence=${v}: only occurrence=f is supported`);
    } else throw new ConfigError(`unknown -E option "${o}" (header, separator, occurrence)`);
  }
  return { header, separator };
}

export function registerDecode(program: Command): void {
  program
    .command('decode')
    .description('decode packets and print tshark-compatible fields (-T fields) or JSON (-T json)')
    .argument('[files...]', 'capture files (pcap, pcapng, gzip); - for standard input')
    .option('-T <format>', 'output format: fields | json', 'fields')
    .option('-e <field>', 'a field to print (repeatable), tshark names', collect, [])
    .option('-E <option>', 'field output option: header=y, separator=/t|/s|<char>', collect, [])
    .option('-c, --count <n>', 'stop after n packets')
    .option('--list-fields', 'list the supported fields and exit')
    .option(BPF_OPTION_FLAGS, BPF_OPTION_HELP)
    .action(async (files: string[], opts: DecodeOptions) => {
      if (opts.listFields) {
        for (const f of listFields()) process.stdout.write(`${f.name}\t${f.description}\n`);
        return;
      }
      if (!files.length) throw new ConfigError('decode: no capture file given');
      let lineOf: (p: DecodedPacket) => string;
      const header: string[] = [];
      if (opts.T === 'fields') {
        if (!opts.e.length) throw new ConfigError('decode -T fields needs at least one -e FIELD');
        const getters = resolveFields(opts.e);
        const { header: withHeader, separator } = parseE(opts.E);
        if (withHeader) header.push(opts.e.join(separator));
        lineOf = (p) => getters.map((g) => g(p)).join(separator);
      } else if (opts.T === 'json') {
        lineOf = (p) => JSON.stringify(packetToJson(p));
      } else {
        throw new ConfigError(`decode: unknown output format -T ${opts.T} (fields, json)`);
      }
      const max = opts.count !== undefined ? Number(opts.count) : undefined;
      // tshark shows no row for a record cut short by the end of the file
      await printPacketLines(files, { max, filter: bpfProgram(opts.bpf), header }, (p) =>
        p.truncatedRecord ? undefined : lineOf(p),
      );
    });
}
