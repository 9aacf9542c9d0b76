// An app-layer candidate for the verifier (src/alerts/verify.ts) built from named buffers, so that
// app keyword tests evaluate rules the way the worker does, without WASM.
import { RuleVerifier, type Candidate } from '../../../../src/alerts/verify.js';
import { loadRuleText } from '../../../../src/rules/loader.js';

/** The verifier of one rule text; throws with the issues when it does not load. */
export function verifier(text: string): RuleVerifier {
  const r = loadRuleText(text);
  if (r.failures.length) throw new Error(JSON.stringify(r.failures[0]?.issues));
  return new RuleVerifier(r.rules[0] as NonNullable<(typeof r.rules)[0]>);
}

/** A to-server app candidate whose buffers are `buffers` (latin1 strings or bytes; absent = not filled). */
export function appCandidate(
  buffers: Record<string, string | Uint8Array>,
  over: Partial<Candidate> = {},
): Candidate {
  const bytes = new Map(
    Object.entries(buffers).map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v, 'latin1') : v]),
  );
  return {
    buf: new Uint8Array(0),
    stream: true,
    toServer: true,
    hasFlow: true,
    seenBoth: true,
    established: true,
    tcpState: 4,
    ipVersion: 4,
    ipProto: 6,
    tcpFlags: 0x18,
    src: new Uint8Array(16),
    dst: new Uint8Array(16),
    srcPort: 40000,
    dstPort: 80,
    pkt: new Uint8Array(40),
    ipOff: 0,
    l4Off: 20,
    payloadLen: 0,
    appBuffer: (name) => bytes.get(name),
    appProto: 1,
    ...over,
  };
}
