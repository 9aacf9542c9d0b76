// Hostile captures through the whole engine with app-layer rules loaded (every app keyword and a
// mix of payload and buffer keywords): generated HTTP / DNS / TLS traffic with bytes flipped and
// cut anywhere. Nothing but a PcapError may leave the engine; the runs end.
import { describe, expect, it } from 'vitest';
import { generateCapture } from '../../../bench/gen/generate.js';
import { createEngine, fromFile } from '../../../src/engine.js';
import { compileRuleset } from '../../../src/rules/compile/ruleset.js';
import { PcapError } from '../../../src/errors.js';
import type { Rule } from '../../../src/rules/types.js';
import { tempFile } from '../../helpers/engine.js';
import { rng } from '../../helpers/rng.js';
import { parse } from '../rules/helpers.js';

const RULES = [
  'alert http any any -> any any (content:"HTTP/1."; http.method; content:"GET"; sid:1;)',
  'alert http any any -> any any (urilen:>1; http.request_header; content:"Host"; sid:2;)',
  'alert http any any -> any any (http.accept; bsize:>0; http.user_agent; content:!"zz"; sid:3;)',
  'alert http any any -> any any (http.response_header; content:"Content"; file.data; bsize:>0; sid:4;)',
  'alert http any any -> any any (flow:to_server; sid:5;)',
  'alert dns any any -> any any (dns.opcode:0; dns.rrtype:1; sid:6;)',
  'alert dns any any -> any any (content:"|00 01|"; dns.query; content:"."; sid:7;)',
  'alert tls any any -> any any (tls.cert_chain_len:>0; tls_cert_valid; sid:8;)',
  'alert tls any any -> any any (tls_cert_notbefore:>2000; ja3.hash; bsize:32; sid:9;)',
  'alert tls any any -> any any (content:"|16 03|"; sid:10;)',
].map((t) => parse(t).rule as Rule);

describe('app-layer rules under mutated captures', () => {
  it('24 mutated captures: only PcapError leaves the engine', async () => {
    const compiled = compileRuleset(RULES);
    expect(compiled.skipped).toEqual([]);
    const base = Buffer.from(generateCapture({ seed: 9, packets: 800 }).pcap ?? new Uint8Array());
    let alerts = 0;
    let completed = 0;
    // one engine for every run (rules and workers load once); a PcapError ends only its run
    const engine = createEngine({ workers: 1, rules: compiled, app: true });
    engine.alerts$.subscribe(() => alerts++);
    try {
      for (let i = 0; i < 24; i++) {
        const r = rng(100 + i);
        const b = Buffer.from(base);
        for (let k = 1 + (r() % 48); k > 0; k--) b[24 + (r() % (b.length - 24))] = r() & 0xff;
        const input = i % 4 === 0 ? b.subarray(0, r() % b.length) : b;
        try {
          await engine.run(fromFile(tempFile(input)));
          completed++;
        } catch (err) {
          if (!(err instanceof PcapError)) throw err;
        }
      }
    } finally {
      await engine.close();
    }
    expect(alerts).toBeGreaterThan(0);
    // cut captures may end in a PcapError; the others run to the end
    expect(completed).toBeGreaterThanOrEqual(18);
  });
});
