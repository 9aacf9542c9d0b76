/**
 * Decode conformance against tshark: every listed field of every packet of every capture in
 * ../shared/corpus/decode is compared with the value TShark 4.0.17 printed (the `.fields.tsv`
 * beside each capture; see that directory's README.md for the command and column semantics).
 *
 * The decode path runs in-process, exactly as `netsift decode -T fields` runs it: one
 * EngineInstance per capture, runFiles → readPacketRecords → resolveFields.
 *
 * Comparison rules (everything else must be byte-equal):
 * 1. Ground truth is `<file>.fields.noreasm.tsv` where it exists, else `<file>.fields.tsv`.
 *    netsift decodes each packet on its own (no IP defragmentation, no TCP desegmentation at the
 *    decode stage), which is what tshark prints with `-o ip.defragment:FALSE -o
 *    ipv6.defragment:FALSE -o tcp.desegment_tcp_streams:FALSE`: L4 fields on the FIRST fragment.
 * 2. `frame.protocols` names application protocols that netsift does not decode (http, dns, bgp,
 *    stp, ...). When our chain ends in `data`, the chain before `data` must be followed in
 *    tshark's chain by at least one more layer (tshark named what we call data). When our chain
 *    ends at a layer whose payload netsift leaves undecoded by design (OPEN_ENDED: transports,
 *    LLC, IGMP, ESP), our chain must equal tshark's or be a prefix of it at a `:` boundary
 *    (IGMP_V2.pcap: tshark prints `igmp:igmp`, its version dissector registering a second layer).
 * 3. Every other difference is listed in KNOWN_DIFFERENCES with its reason, frame by frame and
 *    field by field; the test fails when a listed difference no longer occurs, so the table
 *    cannot rot.
 *
 * Also checked per capture: the row count, and the engine's accounting invariant
 * COUNTER_DECODED + COUNTER_INVALID == COUNTER_PACKETS.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFiles } from '../../src/capture/file-runner.js';
import { resolveFields } from '../../src/packets/fields.js';
import { readPacketRecords } from '../../src/packets/packet.js';
import { EngineInstance } from '../../src/wasm/instance.js';
import * as L from '../../src/wasm/layout.js';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CORPUS = resolve(REPO_ROOT, '../shared/corpus/decode');

/** Layers whose payload netsift records but does not decode (rule 2). */
const OPEN_ENDED = new Set(['tcp', 'udp', 'sctp', 'llc', 'igmp', 'esp']);

interface KnownDifference {
  /** Short label for the agreement report. */
  readonly id: string;
  readonly file: string;
  readonly frames: readonly number[];
  readonly fields: readonly string[];
  readonly reason: string;
}

const IP_FIELDS = ['ip.src', 'ip.dst', 'ip.proto', 'ip.ttl', 'ip.len', 'ip.flags.mf', 'ip.frag_offset'];

const AVSP_R3 =
  'Arista AVSP timestamp header with hardware-info R3 (version 0x0011/0x0021/0x0111/0x0121): tshark 4.0 ' +
  'rejects it as an unknown version and stops at `avsp`; netsift decodes it as tcpdump does (the ' +
  'timestamp layout depends only on the format nibble), so the inner VLAN/MPLS/IPv4 headers are shown.';

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    id: 'avsp-hwinfo-r3',
    file: 'arista_ether.pcap',
    frames: [2, 10, 14],
    fields: ['vlan.id', ...IP_FIELDS, 'frame.protocols'],
    reason: AVSP_R3,
  },
  {
    id: 'avsp-hwinfo-r3',
    file: 'arista_ether.pcap',
    frames: [7],
    fields: [...IP_FIELDS, 'frame.protocols'],
    reason: AVSP_R3,
  },
  {
    id: 'tcp-retransmission',
    file: 'pptp.pcap',
    frames: [9, 14],
    fields: ['frame.protocols'],
    reason:
      "tshark's TCP sequence analysis flags these segments as retransmissions and does not dissect their " +
      'payload; netsift decodes each packet on its own and records the 156 payload bytes as `data`.',
  },
  {
    id: 'rst-payload',
    file: 'tcp_rst_data-trunc.pcap',
    frames: [1],
    fields: ['frame.protocols'],
    reason:
      'The payload of a RST segment is shown by tshark as tcp.reset_cause inside the tcp layer; netsift ' +
      'records it as `data` (the bytes stay inspectable, e.g. by payload rules).',
  },
  {
    id: 'rst-payload',
    file: 'tcp_rst_diag_payload.pcap',
    frames: [1],
    fields: ['frame.protocols'],
    reason:
      'The payload of a RST segment is shown by tshark as tcp.reset_cause inside the tcp layer; netsift ' +
      'records it as `data` (the bytes stay inspectable, e.g. by payload rules).',
  },
];

function knownKey(file: string, frame: number, field: string): string {
  return `${file}\t${frame}\t${field}`;
}

const KNOWN = new Map<string, KnownDifference>();
for (const k of KNOWN_DIFFERENCES) {
  for (const frame of k.frames) for (const field of k.fields) KNOWN.set(knownKey(k.file, frame, field), k);
}

/** Rule 2 for frame.protocols; plain equality otherwise. */
export function protocolsAgree(ours: string, tshark: string): boolean {
  if (ours === tshark) return true;
  const layers = ours.split(':');
  const last = layers.at(-1) ?? '';
  if (last === 'data') {
    const before = layers.slice(0, -1).join(':');
    return before.length > 0 && tshark.startsWith(`${before}:`) && tshark.length > before.length + 1;
  }
  return OPEN_ENDED.has(last) && tshark.startsWith(`${ours}:`);
}

function captures(): string[] {
  return readdirSync(CORPUS)
    .filter((f) => /\.(pcap|pcapng)$/.test(f))
    .sort();
}

function groundTruth(file: string): { path: string; header: string[]; rows: string[][] } {
  const noreasm = join(CORPUS, `${file}.fields.noreasm.tsv`);
  const path = existsSync(noreasm) ? noreasm : join(CORPUS, `${file}.fields.tsv`);
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const [head, ...rest] = lines;
  return { path, header: (head ?? '').split('\t'), rows: rest.map((l) => l.split('\t')) };
}

interface FileResult {
  readonly file: string;
  readonly packets: number;
  readonly compared: number;
  readonly equal: number;
  readonly known: number;
  readonly unexpected: string[];
  readonly seenKnown: Set<string>;
  readonly counters: { packets: bigint; decoded: bigint; invalid: bigint };
}

async function compareFile(file: string): Promise<FileResult> {
  const truth = groundTruth(file);
  const getters = resolveFields(truth.header);
  const inst = new EngineInstance();
  const ours: string[][] = [];
  await runFiles(inst, [join(CORPUS, file)], {
    emitPackets: true,
    onPackets: (recs) => {
      for (const p of readPacketRecords(recs)) {
        if (p.truncatedRecord) continue; // tshark shows no row for a record cut short by the file's end
        ours.push(getters.map((g) => g(p)));
      }
    },
  });
  const unexpected: string[] = [];
  const seenKnown = new Set<string>();
  let compared = 0;
  let equal = 0;
  let known = 0;
  if (ours.length !== truth.rows.length) {
    unexpected.push(`${file}: ${ours.length} rows, tshark ${truth.rows.length}`);
  }
  for (let i = 0; i < truth.rows.length; i++) {
    const want = truth.rows[i]!;
    const got = ours[i];
    const frame = Number(want[0]);
    for (let j = 0; j < truth.header.length; j++) {
      const field = truth.header[j]!;
      const a = got?.[j] ?? '<missing row>';
      const b = want[j] ?? '';
      compared++;
      const same = field === 'frame.protocols' ? protocolsAgree(a, b) : a === b;
      const key = knownKey(file, frame, field);
      if (same) {
        equal++;
      } else if (KNOWN.has(key)) {
        known++;
        seenKnown.add(key);
      } else {
        unexpected.push(`${file} frame ${frame} ${field}: netsift "${a}", tshark "${b}"`);
      }
    }
  }
  return {
    file,
    packets: ours.length,
    compared,
    equal,
    known,
    unexpected,
    seenKnown,
    counters: {
      packets: inst.counter(L.COUNTER_PACKETS),
      decoded: inst.counter(L.COUNTER_DECODED),
      invalid: inst.counter(L.COUNTER_INVALID),
    },
  };
}

describe('decode conformance with tshark 4.0.17 (../shared/corpus/decode)', () => {
  const files = captures();

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('agrees on every field of every packet, apart from the listed known differences', async () => {
    const results: FileResult[] = [];
    for (const f of files) results.push(await compareFile(f));

    const pad = Math.max(...files.map((f) => f.length));
    const lines = [`${'file'.padEnd(pad)}  packets  compared    equal  known  unexpected`];
    for (const r of results) {
      lines.push(
        `${r.file.padEnd(pad)}  ${String(r.packets).padStart(7)}  ${String(r.compared).padStart(8)}  ` +
          `${String(r.equal).padStart(7)}  ${String(r.known).padStart(5)}  ${String(r.unexpected.length).padStart(10)}`,
      );
    }
    const sum = (k: 'packets' | 'compared' | 'equal' | 'known'): number =>
      results.reduce((n, r) => n + r[k], 0);
    const unexpected = results.flatMap((r) => r.unexpected);
    const byReason = new Map<string, number>();
    const seen = new Set(results.flatMap((r) => [...r.seenKnown]));
    for (const key of seen) {
      const id = KNOWN.get(key)!.id;
      byReason.set(id, (byReason.get(id) ?? 0) + 1);
    }
    lines.push(
      `${'TOTAL'.padEnd(pad)}  ${String(sum('packets')).padStart(7)}  ${String(sum('compared')).padStart(8)}  ` +
        `${String(sum('equal')).padStart(7)}  ${String(sum('known')).padStart(5)}  ${String(unexpected.length).padStart(10)}`,
    );
    lines.push(
      `agreement: ${((100 * sum('equal')) / sum('compared')).toFixed(3)}% equal, ` +
        `${((100 * (sum('equal') + sum('known'))) / sum('compared')).toFixed(3)}% equal or known`,
    );
    for (const [id, n] of byReason) lines.push(`  known difference ${id}: ${n} fields`);
    console.log(lines.join('\n'));

    expect(unexpected).toEqual([]);
    const stale = [...KNOWN.keys()].filter((k) => !seen.has(k));
    expect(stale, 'known differences that no longer occur: remove them from KNOWN_DIFFERENCES').toEqual([]);
    for (const r of results) {
      expect(r.counters.decoded + r.counters.invalid, `${r.file}: decoded + invalid == packets`).toBe(
        r.counters.packets,
      );
    }
  });

  it('lists only files of the corpus in KNOWN_DIFFERENCES', () => {
    for (const k of KNOWN_DIFFERENCES) expect(files).toContain(k.file);
  });
});
