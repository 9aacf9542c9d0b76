/**
 * Differential property test: the WASM verify programs (assembly/verify/, encoded by
 * src/rules/compile/program.ts) against the TypeScript verifier (src/alerts/verify.ts), the oracle.
 * Random rules from the keyword grammar (content with nocase/offset/depth/distance/within/
 * startswith/endswith/negation, isdataat, bsize, byte_test/byte_jump/byte_extract with variables,
 * pcre for partial programs, dsize and the header keywords, flags, flow, sameip) × random packets
 * (IPv4/IPv6, TCP/UDP/ICMP, random header bytes, random candidate flags, packet or stream buffer):
 *   - a full program: WASM verdict (VERIFIED or REJECT) == TS verdict;
 *   - a partial program (pcre) or an IPv6 packet against IPv6 lists: REJECT implies TS false.
 * Also the opcode numbers of the two trees are kept equal here.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as L from '../../../src/alerts/layout.js';
import { RuleVerifier, type Candidate } from '../../../src/alerts/verify.js';
import * as OPS from '../../../src/rules/compile/opcodes.js';
import { compileRuleset, PROG_FULL, RULE_WORDS } from '../../../src/rules/compile/ruleset.js';
import { loadRuleText } from '../../../src/rules/loader.js';
import type { Rule } from '../../../src/rules/types.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import { CASES, cand } from './cases.js';

interface TestExports {
  rulesetBuffer(len: number): number;
  loadRuleset(len: number): number;
  testVerifyPacket(
    ipOff: number,
    l4Off: number,
    ipVersion: number,
    ipProto: number,
    tcpFlags: number,
    src: number,
    dst: number,
  ): void;
  testVerify(r: number, pkt: number, buf: number, len: number, flags: number, payloadLen: number): number;
  testHeaderOk(
    r: number,
    proto: number,
    sport: number,
    dport: number,
    stream: number,
    ipVersion: number,
    src: number,
    dst: number,
    tcpFlags: number,
    hasFlow: number,
    toServer: number,
  ): number;
}

const inst = new EngineInstance();
const ex = inst.ex as unknown as TestExports;
const REJECT = 0xffffffff;
const SCRATCH = 1 << 16;

// ---- the keyword grammar ----

const PAT_ALPHA = ['a', 'b', 'A', 'B', '0', '1', ' ', '|00|', '|ff|'];
const pat = fc.array(fc.constantFrom(...PAT_ALPHA), { minLength: 1, maxLength: 3 }).map((a) => a.join(''));
const small = fc.integer({ min: 0, max: 12 });
const range = fc.oneof(
  small.map((n) => `${n}`),
  small.map((n) => `>${n}`),
  small.map((n) => `<${n + 1}`),
  small.map((n) => `!${n}`),
  small.map((n) => `<=${n}`),
  small.map((n) => `>=${n}`),
  fc.tuple(small, small).map(([a, b]) => `${a}<>${a + b + 1}`),
);
const headerRange = fc.oneof(fc.constantFrom('0', '1', '2', '64', '255', '>1', '<64', '!0', '1-255'), range);

/** Options that use a byte_extract variable if one exists. */
function numOrVar(vars: string[], n: fc.Arbitrary<number>): fc.Arbitrary<string> {
  return vars.length ? fc.oneof(n.map(String), fc.constantFrom(...vars)) : n.map(String);
}

const byteOpts = fc
  .record({
    little: fc.boolean(),
    str: fc.constantFrom(undefined, 'dec', 'hex', 'oct'),
    mask: fc.constantFrom(undefined, '0x0f', '0xf0', '0x3'),
  })
  .map((o) =>
    [o.little ? 'little' : '', o.str ? `string,${o.str}` : '', o.mask ? `bitmask ${o.mask}` : '']
      .filter(Boolean)
      .map((x) => ',' + x)
      .join(''),
  );

function matchKeyword(vars: string[], first: boolean): fc.Arbitrary<string> {
  const v = (n: fc.Arbitrary<number>): fc.Arbitrary<string> => numOrVar(vars, n);
  const content = fc
    .record({
      neg: fc.boolean(),
      p: pat,
      nocase: fc.boolean(),
      pos: fc.constantFrom('none', 'offset', 'depth', 'both', 'distance', 'within', 'dw', 'sw', 'ew'),
      a: v(fc.integer({ min: -2, max: 8 })),
      b: v(fc.integer({ min: 1, max: 12 })),
    })
    .map(({ neg, p, nocase, pos, a, b }) => {
      let s = `content:${neg ? '!' : ''}"${p}";${nocase ? ' nocase;' : ''}`;
      const nonneg = a.startsWith('-') ? '0' : a;
      if (pos === 'offset' || pos === 'both') s += ` offset:${nonneg};`;
      if (pos === 'depth' || pos === 'both') s += ` depth:${b};`;
      if (pos === 'distance' || pos === 'dw') s += ` distance:${a};`;
      if (pos === 'within' || pos === 'dw') s += ` within:${b};`;
      if (pos === 'sw') s += ' startswith;';
      if (pos === 'ew') s += ' endswith;';
      return s;
    });
  const rel = fc.boolean().map((r) => (r && !first ? ',relative' : ''));
  const options: fc.Arbitrary<string>[] = [
    content,
    content,
    content,
    fc
      .tuple(fc.boolean(), v(fc.integer({ min: 0, max: 20 })), rel)
      .map(([n, o, r]) => `isdataat:${n ? '!' : ''}${o}${r};`),
    range.map((r) => `bsize:${r};`),
    fc
      .tuple(
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('<', '>', '=', '<=', '>=', '&', '^', '!=', '!<'),
        v(fc.integer({ min: 0, max: 300 })),
        v(fc.integer({ min: -2, max: 10 })),
        rel,
        byteOpts,
      )
      .map(([n, op, val, off, r, o]) => `byte_test:${n},${op},${val},${off}${r}${o};`),
    fc
      .tuple(
        fc.integer({ min: 1, max: 2 }),
        v(fc.integer({ min: -1, max: 8 })),
        rel,
        byteOpts,
        fc.constantFrom('', ',align', ',from_beginning', ',from_end', ',post_offset -2', ',multiplier 2'),
      )
      .map(([n, off, r, o, x]) => `byte_jump:${n},${off}${r}${o}${x};`),
    fc
      .tuple(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 6 }),
        rel,
        byteOpts,
        fc.constantFrom('', ',multiplier 3', ',align 4', ',align 2'),
      )
      .map(([n, off, r, o, x]) => `byte_extract:${n},${off},VAR${r}${o}${x};`),
  ];
  return fc.oneof(...options);
}

const condition = fc.oneof(
  range.map((r) => `dsize:${r};`),
  fc
    .tuple(
      fc.constantFrom('ttl', 'tos', 'id', 'ip_proto', 'itype', 'icode', 'icmp_id', 'icmp_seq', 'window'),
      headerRange,
    )
    .map(([k, r]) => `${k}:${r};`),
  fc.constantFrom('seq:0;', 'ack:!0;', 'seq:>1000;'),
  fc.constantFrom('flags:S;', 'flags:A+;', 'flags:*SF;', 'flags:!R;', 'flags:PA,12;', 'flags:0;'),
  fc.constantFrom(
    'flow:established;',
    'flow:to_server;',
    'flow:established,to_client;',
    'flow:not_established;',
    'flow:stateless;',
    'flow:only_stream;',
    'flow:no_stream;',
  ),
  fc.constant('sameip;'),
);

/** A rule's option text: conditions, then payload keywords (byte_extract names numbered). */
const ruleOptions = fc
  .tuple(
    fc.array(condition, { maxLength: 2 }),
    fc.integer({ min: 0, max: 5 }),
    fc.array(fc.integer(), { minLength: 5, maxLength: 5 }),
    fc.boolean(),
  )
  .chain(([conds, n, seeds, withPcre]) => {
    // build the payload keywords one at a time so later ones can use earlier variables
    let acc: fc.Arbitrary<{ parts: string[]; vars: string[] }> = fc.constant({ parts: [], vars: [] });
    for (let i = 0; i < n; i++) {
      acc = acc.chain(({ parts, vars }) =>
        matchKeyword(vars, parts.length === 0).map((k) => {
          if (!k.includes('VAR')) return { parts: [...parts, k], vars };
          const name = `v${vars.length}`;
          return { parts: [...parts, k.replace('VAR', name)], vars: [...vars, name] };
        }),
      );
    }
    return acc.map(({ parts }) => {
      const ps = [...parts];
      if (withPcre) ps.splice(seeds[0]! % (ps.length + 1), 0, 'pcre:"/[ab]1/R";');
      return [...conds, ...ps].join(' ');
    });
  });

// ---- packets ----

const PAYLOAD_BYTES = [0x61, 0x62, 0x41, 0x42, 0x30, 0x31, 0x39, 0x20, 0x09, 0xa0, 0x00, 0xff, 0x02, 0x07];
const packetArb = fc.record({
  payload: fc.array(fc.constantFrom(...PAYLOAD_BYTES), { maxLength: 40 }).map((a) => Uint8Array.from(a)),
  ipVersion: fc.constantFrom(4, 4, 6),
  proto: fc.constantFrom(6, 6, 17, 1),
  hdr: fc.array(fc.constantFrom(0, 1, 2, 64, 255), { minLength: 64, maxLength: 64 }),
  tcpFlags: fc.integer({ min: 0, max: 255 }),
  flags: fc.integer({ min: 0, max: 63 }),
  same: fc.boolean(),
  src: fc.constantFrom(1, 2, 9),
  sport: fc.constantFrom(80, 1234, 1500),
  dport: fc.constantFrom(80, 1234, 1500),
});
type Packet = typeof packetArb extends fc.Arbitrary<infer T> ? T : never;

function addr(ipVersion: number, last: number): Uint8Array {
  const a = new Uint8Array(16);
  if (ipVersion === 4) {
    a[10] = 0xff;
    a[11] = 0xff;
    a.set([10, 0, 0, last], 12);
  } else {
    a.set([0x20, 0x01, 0x0d, 0xb8], 0);
    a[15] = last;
  }
  return a;
}

/** The TypeScript candidate for a generated packet. */
function candidateOf(p: Packet): Candidate {
  const ipLen = p.ipVersion === 4 ? 20 : 40;
  const l4Len = p.proto === 6 ? 20 : 8;
  const bytes = new Uint8Array(ipLen + l4Len + p.payload.length);
  bytes.set(p.hdr.slice(0, ipLen + l4Len));
  bytes[0] = p.ipVersion === 4 ? 0x45 : 0x60;
  bytes.set(p.payload, ipLen + l4Len);
  const sa = addr(p.ipVersion, p.src);
  const stream = (p.flags & L.CAND_F_STREAM) !== 0;
  return {
    buf: bytes.subarray(ipLen + l4Len),
    stream,
    toServer: (p.flags & L.CAND_F_TO_SERVER) !== 0,
    hasFlow: (p.flags & L.CAND_F_HAS_FLOW) !== 0,
    seenBoth: (p.flags & L.CAND_F_SEEN_BOTH) !== 0,
    established: (p.flags & L.CAND_F_ESTABLISHED) !== 0,
    tcpState: 3,
    ipVersion: p.ipVersion,
    ipProto: p.proto,
    tcpFlags: p.proto === 6 ? p.tcpFlags : 0,
    src: sa,
    dst: p.same ? sa : addr(p.ipVersion, 2),
    srcPort: p.sport,
    dstPort: p.dport,
    pkt: bytes,
    ipOff: 0,
    l4Off: ipLen,
    payloadLen: stream ? 0 : p.payload.length,
  };
}

/** Lay a candidate out in WASM scratch memory at `base`; returns its buffer pointer and CAND_F_* flags. */
function place(c: Candidate, base: number): { pkt: number; buf: number; flags: number } {
  const mem = inst.memoryView();
  const src = base;
  const dst = base + 16;
  const pkt = base + 32;
  const buf = pkt + c.pkt.length;
  if (buf + c.buf.length > base + SCRATCH) throw new Error('test candidate larger than the scratch area');
  mem.set(c.src, src);
  mem.set(c.dst, dst);
  mem.set(c.pkt, pkt);
  mem.set(c.buf, buf);
  ex.testVerifyPacket(c.ipOff, c.l4Off, c.ipVersion, c.ipProto, c.tcpFlags, src, dst);
  const flags =
    (c.stream ? L.CAND_F_STREAM : 0) |
    (c.toServer ? L.CAND_F_TO_SERVER : 0) |
    (c.hasFlow ? L.CAND_F_HAS_FLOW : 0) |
    (c.seenBoth ? L.CAND_F_SEEN_BOTH : 0) |
    (c.established ? L.CAND_F_ESTABLISHED : 0);
  return { pkt, buf, flags };
}

/** The WASM header prefilter (match/ruleset.ts headerOk) for rule `ri` on candidate `c`, placed at `scratch`. */
function wasmHeaderOk(ri: number, c: Candidate, scratch: number): boolean {
  const f = (b: boolean): number => (b ? 1 : 0);
  const [src, dst] = [scratch, scratch + 16];
  return (
    ex.testHeaderOk(
      ri,
      c.ipProto,
      c.srcPort,
      c.dstPort,
      f(c.stream),
      c.ipVersion,
      src,
      dst,
      c.tcpFlags,
      f(c.hasFlow),
      f(c.toServer),
    ) !== 0
  );
}

/** The WASM verdict for rule `ri` of the loaded ruleset on candidate `c`. */
function wasmVerdict(ri: number, c: Candidate, scratch: number): number {
  const { pkt, buf, flags } = place(c, scratch);
  return ex.testVerify(ri, pkt, buf, c.buf.length, flags, c.payloadLen) >>> 0;
}

function loadBlob(blob: Uint8Array): number {
  const ptr = ex.rulesetBuffer(blob.length + SCRATCH);
  inst.memoryView().set(blob, ptr);
  expect(ex.loadRuleset(blob.length)).toBe(0);
  return ptr + ((blob.length + 63) & ~63);
}

function ruleWord(blob: Uint8Array, r: number, word: number): number {
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const rulesOff = dv.getUint32(28, true);
  return dv.getUint32(rulesOff + (r * RULE_WORDS + word) * 4, true);
}

const stats = { rules: 0, full: 0, pairs: 0, tsTrue: 0, rejected: 0, partialPassed: 0 };

/** Rule headers: address lists with IPv4 and IPv6 entries, negations, port lists and ranges, `<>`. */
const ADDRS = ['any', '10.0.0.1', '!10.0.0.1', '[10.0.0.0/24,2001:db8::/32]', '2001:db8::1', '!2001:db8::2'];
const PORTS = ['any', '80', '!80', '1000:2000', '[80,1234]'];
const headerArb = fc
  .record({
    proto: fc.constantFrom('ip', 'tcp', 'udp'),
    src: fc.constantFrom(...ADDRS),
    sp: fc.constantFrom(...PORTS),
    dir: fc.constantFrom('->', '<>'),
    dst: fc.constantFrom(...ADDRS),
    dp: fc.constantFrom(...PORTS),
  })
  .map((h) => `${h.proto} ${h.src} ${h.sp} ${h.dir} ${h.dst} ${h.dp}`);

describe('WASM verify programs = TypeScript verifier', () => {
  it('keeps the opcode numbers of both trees equal', () => {
    const as = readFileSync(new URL('../../../assembly/verify/opcodes.ts', import.meta.url), 'utf8');
    const consts = new Map<string, number>();
    for (const m of as.matchAll(/export const (\w+): u32 = (\d+);/g)) consts.set(m[1]!, Number(m[2]));
    for (const [k, v] of Object.entries(OPS)) if (typeof v === 'number') expect(consts.get(k), k).toBe(v);
    for (const [k, v] of Object.entries(OPS.RANGE_KEYWORD_OPS))
      expect(consts.get(`OP_${k.toUpperCase()}`), k).toBe(v);
    expect(consts.get('CAND_F_VERIFIED') ?? L.CAND_F_VERIFIED).toBe(L.CAND_F_VERIFIED);
  });

  it.each(CASES)('case table: %s', (_name, opts, payload, want, over) => {
    const loaded = loadRuleText(`alert tcp any any -> any any (${opts} sid:1;)`);
    const compiled = compileRuleset(loaded.rules);
    const scratch = loadBlob(compiled.blob);
    const wasm = wasmVerdict(0, cand(payload, over), scratch);
    if ((ruleWord(compiled.blob, 0, 17) & PROG_FULL) !== 0)
      expect(wasm).toBe(want ? L.CAND_F_VERIFIED : REJECT);
    else expect(wasm === REJECT && want).toBe(false);
  });

  it('bounds retries on hostile payloads (MAX_STEPS)', () => {
    const loaded = loadRuleText(
      'alert tcp any any -> any any (content:"a"; content:"a"; distance:0; content:"b"; distance:0; within:1; sid:1;)',
    );
    const compiled = compileRuleset(loaded.rules);
    const scratch = loadBlob(compiled.blob);
    const t0 = performance.now();
    expect(wasmVerdict(0, cand('a'.repeat(20000)), scratch)).toBe(REJECT);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('agrees on random rules × random packets', () => {
    fc.assert(
      fc.property(
        fc.array(ruleOptions, { minLength: 1, maxLength: 8 }),
        fc.array(packetArb, { minLength: 1, maxLength: 8 }),
        (optionTexts, packets) => {
          const text = optionTexts
            .map((o, i) => `alert ip any any -> any any (${o} sid:${i + 1};)`)
            .join('\n');
          const loaded = loadRuleText(text, 'diff.rules');
          if (loaded.rules.length === 0) return;
          const compiled = compileRuleset(loaded.rules);
          const scratch = loadBlob(compiled.blob);
          const verifiers = compiled.rules.map((r: Rule) => new RuleVerifier(r));
          stats.rules += compiled.rules.length;
          for (const p of packets) {
            const c = candidateOf(p);
            compiled.rules.forEach((rule, ri) => {
              const ts = (verifiers[ri] as RuleVerifier).verify(c);
              const wasm = wasmVerdict(ri, c, scratch);
              const full = (ruleWord(compiled.blob, ri, 17) & PROG_FULL) !== 0;
              stats.pairs++;
              if (ts) stats.tsTrue++;
              if (wasm === REJECT) stats.rejected++;
              const ctx = `${rule.sid}: ${text.split('\n')[rule.sid - 1]} | ${JSON.stringify(p)}`;
              if (full) {
                stats.full++;
                expect(wasm === L.CAND_F_VERIFIED, ctx).toBe(ts);
                expect(wasm === REJECT, ctx).toBe(!ts);
              } else {
                if (wasm !== REJECT) stats.partialPassed++;
                if (wasm === REJECT) expect(ts, ctx).toBe(false);
              }
            });
          }
        },
      ),
      { numRuns: 1500, seed: 4242 },
    );
    // the generator must exercise both answers, and both program kinds
    expect(stats.tsTrue).toBeGreaterThan(stats.pairs / 50);
    expect(stats.rejected).toBeGreaterThan(stats.pairs / 4);
    expect(stats.full).toBeGreaterThan(stats.pairs / 3);
    expect(stats.partialPassed).toBeGreaterThan(0);
  });
  it('with the header prefilter, a candidate verified in WASM is one the TypeScript verifier accepts', () => {
    // VERIFIED candidates skip verify.ts, header included: the prefilter (exact for IPv4) and the
    // program must together decide what verify.ts decides; IPv6 packets against IPv6 lists never
    // come out VERIFIED. Packet candidates of tcp/udp packets (ports and pkt-only flags are the
    // prefilter's alone otherwise).
    const seen = { pairs: 0, headerFail: 0, full: 0, tsTrue: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(headerArb, ruleOptions), { minLength: 1, maxLength: 6 }),
        fc.array(packetArb, { minLength: 1, maxLength: 6 }),
        (rulesIn, packets) => {
          const text = rulesIn.map(([h, o], i) => `alert ${h} (${o} sid:${i + 1};)`).join('\n');
          const loaded = loadRuleText(text, 'diff-header.rules');
          if (loaded.rules.length === 0) return;
          const compiled = compileRuleset(loaded.rules);
          const scratch = loadBlob(compiled.blob);
          const verifiers = compiled.rules.map((r) => new RuleVerifier(r));
          for (const p of packets) {
            if (p.proto === 1) continue;
            const c = { ...candidateOf(p), stream: false, payloadLen: p.payload.length };
            compiled.rules.forEach((rule, ri) => {
              if (rule.protocol !== 'ip' && (rule.protocol === 'tcp') !== (p.proto === 6)) return;
              const ts = (verifiers[ri] as RuleVerifier).verify(c);
              const wasm = wasmVerdict(ri, c, scratch); // places the candidate (addresses) first
              const header = wasmHeaderOk(ri, c, scratch);
              const ctx = `${text.split('\n')[rule.sid - 1]} | ${JSON.stringify(p)}`;
              seen.pairs++;
              if (!header) seen.headerFail++;
              if (ts) seen.tsTrue++;
              if (ts) expect(header && wasm !== REJECT, ctx).toBe(true);
              if (header && wasm === L.CAND_F_VERIFIED) {
                seen.full++;
                expect(ts, ctx).toBe(true);
              }
            });
          }
        },
      ),
      { numRuns: 1500, seed: 77 },
    );
    expect(seen.headerFail).toBeGreaterThan(seen.pairs / 10);
    expect(seen.tsTrue).toBeGreaterThan(0);
    expect(seen.full).toBeGreaterThan(0);
  });
});
