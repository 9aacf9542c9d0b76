/**
 * A Zeek conn.log-like TSV of flow records (`netsift flows --format zeek`): Zeek's header lines
 * and columns, with these differences, stated so nobody mistakes it for Zeek's own accounting:
 * `orig_bytes`/`resp_bytes` are reassembled payload bytes when reassembly ran, else "-";
 * `orig_ip_bytes`/`resp_ip_bytes` are wire (frame) bytes; `history` is the set of TCP flags seen
 * per side (S, A, D for PSH, F, R; upper case = originator), not Zeek's event history;
 * `conn_state` is derived from the flags with Zeek's names (S0, S1, SF, REJ, RSTO, RSTR, OTH).
 */
import { flowCommunityId } from './community-id.js';
import type { FlowRecord } from './record.js';

export const ZEEK_FIELDS = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'service',
  'duration',
  'orig_bytes',
  'resp_bytes',
  'conn_state',
  'local_orig',
  'local_resp',
  'missed_bytes',
  'history',
  'orig_pkts',
  'orig_ip_bytes',
  'resp_pkts',
  'resp_ip_bytes',
  'tunnel_parents',
  'community_id',
] as const;

const ZEEK_TYPES = [
  'time',
  'string',
  'addr',
  'port',
  'addr',
  'port',
  'enum',
  'string',
  'interval',
  'count',
  'count',
  'string',
  'bool',
  'bool',
  'count',
  'string',
  'count',
  'count',
  'count',
  'count',
  'set[string]',
  'string',
];

export function zeekHeader(openTs: string): string[] {
  return [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    '#path\tconn',
    `#open\t${openTs}`,
    `#fields\t${ZEEK_FIELDS.join('\t')}`,
    `#types\t${ZEEK_TYPES.join('\t')}`,
  ];
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Zeek-looking uid ("C" + base62) derived from the flow id (stable across runs). */
export function zeekUid(flowId: bigint): string {
  let n = flowId;
  let s = '';
  do {
    s = B62[Number(n % 62n)] + s;
    n /= 62n;
  } while (n > 0n);
  return 'C' + s.padStart(9, '0');
}

function secs(ns: bigint): string {
  const us = ns / 1000n;
  return `${us / 1_000_000n}.${(us % 1_000_000n).toString().padStart(6, '0')}`;
}

function history(ts: number, tc: number): string {
  let h = '';
  const add = (flags: number, bit: number, c: string, upper: boolean): void => {
    if (flags & bit) h += upper ? c.toUpperCase() : c;
  };
  for (const [bit, c] of [
    [0x02, 's'],
    [0x10, 'a'],
    [0x08, 'd'],
    [0x01, 'f'],
    [0x04, 'r'],
  ] as const) {
    add(ts, bit, c, true);
    add(tc, bit, c, false);
  }
  return h || '-';
}

export function zeekConnState(f: FlowRecord): string {
  if (f.proto !== 6) return f.pktsToClient > 0 ? 'SF' : 'S0';
  const ts = f.tcpFlagsTs;
  const tc = f.tcpFlagsTc;
  const synTs = (ts & 0x02) !== 0;
  if (!synTs) return 'OTH';
  if (f.pktsToClient === 0) return 'S0';
  if (tc & 0x04 && !(tc & 0x02)) return 'REJ';
  if (ts & 0x04) return 'RSTO';
  if (tc & 0x04) return 'RSTR';
  if (ts & 0x01 && tc & 0x01) return 'SF';
  return 'S1';
}

export function zeekConnLine(f: FlowRecord): string {
  const proto =
    f.proto === 6
      ? 'tcp'
      : f.proto === 17
        ? 'udp'
        : f.proto === 1 || f.proto === 58
          ? 'icmp'
          : 'unknown_transport';
  const reasm = f.streamBytesToServer + f.streamBytesToClient > 0;
  const dur = f.endNs - f.startNs;
  return [
    secs(f.startNs),
    zeekUid(f.flowId),
    f.srcIp,
    f.srcPort,
    f.destIp,
    f.destPort,
    proto,
    '-',
    secs(dur),
    reasm ? f.streamBytesToServer : '-',
    reasm ? f.streamBytesToClient : '-',
    zeekConnState(f),
    '-',
    '-',
    f.reassemblyGaps,
    f.proto === 6 ? history(f.tcpFlagsTs, f.tcpFlagsTc) : '-',
    f.pktsToServer,
    f.bytesToServer,
    f.pktsToClient,
    f.bytesToClient,
    '-',
    flowCommunityId(f),
  ].join('\t');
}
