/**
 * Planted attacks: what each kind puts on the wire, the rule that finds it (bench/gen/attack.rules
 * carries the same sids and contents), and the manifest entries that say where each planted
 * instance is (packet numbers, 5-tuple, whether the pattern is split across segments and sent
 * out of order). An instance is listed only when every packet carrying its pattern was written.
 */
import type { Flow, Mark } from './frame.js';
import { formatIp } from './hosts.js';

export type AttackKind = 'sqli' | 'path_traversal' | 'shell_cmd' | 'ek_user_agent' | 'dns_bad_domain';

export interface AttackDef {
  readonly kind: AttackKind;
  readonly sid: number;
  readonly msg: string;
  /** The bytes a rule's content matches, as written in the manifest (latin1). */
  readonly pattern: string;
  /** Carried over TCP (HTTP) and may be split across segments, or a single UDP datagram (DNS). */
  readonly transport: 'tcp' | 'udp';
}

export const ATTACKS: readonly AttackDef[] = [
  {
    kind: 'sqli',
    sid: 9000001,
    msg: 'SQL injection UNION SELECT in URI',
    pattern: 'UNION%20SELECT',
    transport: 'tcp',
  },
  {
    kind: 'path_traversal',
    sid: 9000002,
    msg: 'path traversal to /etc/passwd',
    pattern: '../../etc/passwd',
    transport: 'tcp',
  },
  {
    kind: 'shell_cmd',
    sid: 9000003,
    msg: 'shell command /bin/sh -c in request',
    pattern: '/bin/sh -c',
    transport: 'tcp',
  },
  {
    kind: 'ek_user_agent',
    sid: 9000004,
    msg: 'exploit kit user agent EKLoader',
    pattern: 'EKLoader/3.1',
    transport: 'tcp',
  },
  {
    kind: 'dns_bad_domain',
    sid: 9000005,
    msg: 'DNS query for known-bad domain c2-badnet.xyz',
    pattern: '\x09c2-badnet\x03xyz\x00',
    transport: 'udp',
  },
];

export const BAD_DOMAIN = 'c2-badnet.xyz';

export function attackDef(kind: AttackKind): AttackDef {
  const def = ATTACKS.find((a) => a.kind === kind);
  if (!def) throw new Error(`unknown attack kind ${kind}`);
  return def;
}

/** How one planted instance is sent: segments carrying the pattern (1 = not split), order. */
export interface AttackPlan {
  readonly def: AttackDef;
  readonly segments: number;
  readonly outOfOrder: boolean;
}

export interface AttackEntry {
  id: number;
  kind: AttackKind;
  sid: number;
  pattern: string;
  patternHex: string;
  proto: 'tcp' | 'udp';
  ipVersion: 4 | 6;
  vlan: number;
  src: string;
  sport: number;
  dst: string;
  dport: number;
  /** 1-based packet numbers (as tshark's frame.number) of the packets carrying the pattern, in file order. */
  packets: number[];
  split: boolean;
  segments: number;
  outOfOrder: boolean;
}

interface Pending {
  entry: AttackEntry;
  expected: number;
}

/** Variants cycled through for TCP attacks: [segments carrying the pattern, out of order]. */
const TCP_VARIANTS: readonly [number, boolean][] = [
  [1, false],
  [2, false],
  [3, true],
  [1, false],
  [4, false],
  [2, true],
];

export class AttackLog {
  private readonly pending: Pending[] = [];
  private next = 0;

  /** The next attack to plant: kinds and split variants in a fixed rotation. */
  nextPlan(): AttackPlan {
    const n = this.next++;
    const def = ATTACKS[n % ATTACKS.length]!;
    const [segments, outOfOrder] =
      def.transport === 'tcp' ? TCP_VARIANTS[n % TCP_VARIANTS.length]! : [1, false];
    return { def, segments, outOfOrder };
  }

  /** Register an instance sent on `flow` (client → server); returns the mark its packets carry. */
  record(plan: AttackPlan, flow: Flow): { mark: Mark; setExpected(n: number): void } {
    const def = plan.def;
    const entry: AttackEntry = {
      id: 0,
      kind: def.kind,
      sid: def.sid,
      pattern: def.pattern,
      patternHex: Buffer.from(def.pattern, 'latin1').toString('hex'),
      proto: def.transport,
      ipVersion: flow.v6 ? 6 : 4,
      vlan: flow.vlan,
      src: formatIp(flow.ip[0]),
      sport: flow.port[0],
      dst: formatIp(flow.ip[1]),
      dport: flow.port[1],
      packets: [],
      split: plan.segments > 1,
      segments: plan.segments,
      outOfOrder: plan.outOfOrder,
    };
    const p: Pending = { entry, expected: 1 };
    this.pending.push(p);
    return {
      mark: { onEmit: (n) => void entry.packets.push(n) },
      setExpected: (n) => {
        p.expected = n;
        entry.segments = n;
        entry.split = n > 1;
      },
    };
  }

  /** Instances whose packets were all written, numbered from 1. */
  complete(): AttackEntry[] {
    const done = this.pending.filter((p) => p.entry.packets.length === p.expected).map((p) => p.entry);
    done.forEach((e, i) => (e.id = i + 1));
    return done;
  }
}

/** Cut offsets that split [start, end) into `k` pieces. */
export function cutsInside(start: number, end: number, k: number): number[] {
  const cuts: number[] = [];
  for (let j = 1; j < k; j++) cuts.push(start + Math.round((j * (end - start)) / k));
  return cuts;
}
