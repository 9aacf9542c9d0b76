// Small hand-built captures for app-layer rule tests: one TCP conversation (handshake, each message
// as segments with the peer's ACK, FIN both ways) or UDP datagrams, run through the engine with
// a few rules; the result is the alert count per sid.
import { compileRuleset } from '../../../src/rules/compile/ruleset.js';
import { createEngine, fromFile, type FlowConfig } from '../../../src/engine.js';
import type { Rule } from '../../../src/rules/types.js';
import { ethernet, ipv4Tcp, ipv4Udp, pcapFile, type PcapRecord } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';
export { collect } from '../../helpers/engine.js';
import { parse } from '../rules/helpers.js';

const CLIENT = '10.0.0.1';
const SERVER = '10.0.0.2';
const SYN = 0x02;
const ACK = 0x10;
const PSH = 0x08;
const FIN = 0x01;

export interface Message {
  toServer: boolean;
  data: string | Uint8Array;
  /** Split the message into segments at these offsets. */
  cuts?: readonly number[];
}

const bytes = (d: string | Uint8Array): Uint8Array => (typeof d === 'string' ? Buffer.from(d, 'latin1') : d);

/** Records of one TCP conversation CLIENT:40000 → SERVER:`port` (`handshake` false: picked up mid-stream). */
export function tcpConversation(messages: readonly Message[], port = 80, handshake = true): PcapRecord[] {
  const frames: Buffer[] = [];
  const seq = [1000, 5000];
  const seg = (dir: 0 | 1, flags: number, data: Uint8Array = new Uint8Array(0)): void => {
    const [src, dst, sp, dp] = dir === 0 ? [CLIENT, SERVER, 40000, port] : [SERVER, CLIENT, port, 40000];
    const ack = flags & ACK ? (seq[1 - dir] as number) : 0;
    frames.push(ethernet(ipv4Tcp(src, dst, sp, dp, seq[dir] as number, ack, flags, data)));
    seq[dir] = ((seq[dir] as number) + data.length + (flags & (SYN | FIN) ? 1 : 0)) >>> 0;
  };
  if (handshake) {
    seg(0, SYN);
    seg(1, SYN | ACK);
    seg(0, ACK);
  } else {
    // the sequence numbers the handshake would have left
    seq[0] = 1001;
    seq[1] = 5001;
  }
  for (const m of messages) {
    const dir = m.toServer ? 0 : 1;
    const data = bytes(m.data);
    const cuts = [0, ...(m.cuts ?? []), data.length];
    for (let i = 0; i + 1 < cuts.length; i++) seg(dir, PSH | ACK, data.subarray(cuts[i], cuts[i + 1]));
    seg(dir === 0 ? 1 : 0, ACK);
  }
  seg(0, FIN | ACK);
  seg(1, FIN | ACK);
  seg(0, ACK);
  return frames.map((data, i) => ({ tsNs: BigInt(1_700_000_000 + i) * 1_000_000_000n, data }));
}

/** Records of UDP datagrams CLIENT:40000 ⇄ SERVER:`port`. */
export function udpExchange(messages: readonly Message[], port = 53): PcapRecord[] {
  return messages.map((m, i) => ({
    tsNs: BigInt(1_700_000_000 + i) * 1_000_000_000n,
    data: ethernet(
      m.toServer
        ? ipv4Udp(CLIENT, SERVER, 40000, port, bytes(m.data))
        : ipv4Udp(SERVER, CLIENT, port, 40000, bytes(m.data)),
    ),
  }));
}

/** Parse `rules` (one per line), run them over `records`, return alerts per sid (every sid listed). */
export async function alertsPerSid(
  rules: string,
  records: readonly PcapRecord[],
  flowConfig: Partial<FlowConfig> = {},
): Promise<Record<number, number>> {
  const parsed: Rule[] = [];
  for (const line of rules.split('\n').filter((l) => l.trim())) {
    const r = parse(line.trim());
    if (!r.rule) throw new Error(`${line}: ${r.failure?.issues.map((i) => i.message).join('; ')}`);
    parsed.push(r.rule);
  }
  const compiled = compileRuleset(parsed);
  if (compiled.skipped.length) throw new Error(compiled.skipped.map((s) => s.reason).join('; '));
  const engine = createEngine({ workers: 1, rules: compiled, app: true, ordered: true, flowConfig });
  const out: Record<number, number> = Object.fromEntries(parsed.map((r) => [r.sid, 0]));
  engine.alerts$.subscribe((a) => (out[a.rule.sid] = (out[a.rule.sid] ?? 0) + 1));
  try {
    await engine.run(fromFile(tempFile(pcapFile(records))));
  } finally {
    await engine.close();
  }
  return out;
}
