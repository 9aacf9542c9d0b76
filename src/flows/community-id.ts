/**
 * Community ID v1 (https://github.com/corelight/community-id-spec): a SHA-1 over
 * seed(2) · saddr · daddr · proto(1) · 0(1) · sport(2) · dport(2), all network byte order, the
 * endpoints ordered so the smaller (address, port) comes first, rendered "1:" + base64.
 * ICMP/ICMPv6 use the type and its counterpart type (or the code, for one-way messages, which are
 * never reordered) as ports, following the spec's reference script (Zeek's ICMP4_counterpart).
 * Protocols other than TCP, UDP, SCTP, ICMP and ICMPv6 hash no ports.
 * Checked against the spec's baseline vectors in test/unit/flow/community-id.test.ts.
 */
import { createHash } from 'node:crypto';

const ICMP4_COUNTERPART: ReadonlyMap<number, number> = new Map([
  [8, 0],
  [0, 8],
  [13, 14],
  [14, 13],
  [15, 16],
  [16, 15],
  [10, 9],
  [17, 18],
  [18, 17],
]);

const ICMP6_COUNTERPART: ReadonlyMap<number, number> = new Map([
  [128, 129],
  [129, 128],
  [133, 134],
  [134, 133],
  [135, 136],
  [136, 135],
  [130, 131],
  [131, 130],
  [139, 140],
  [140, 139],
  [144, 145],
  [145, 144],
]);

export interface CommunityIdTuple {
  proto: number;
  /** 4 or 16 bytes (both the same length). */
  srcAddr: Uint8Array;
  dstAddr: Uint8Array;
  /** Ports; for ICMP/ICMPv6 the type and code. */
  srcPort: number;
  dstPort: number;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Community ID v1 of a flow tuple. */
export function communityId(t: CommunityIdTuple, seed = 0): string {
  let { srcAddr: sa, dstAddr: da, srcPort: sp, dstPort: dp } = t;
  const hasPorts = t.proto === 6 || t.proto === 17 || t.proto === 132 || t.proto === 1 || t.proto === 58;
  let oneWay = false;
  if (t.proto === 1 || t.proto === 58) {
    const map = t.proto === 1 ? ICMP4_COUNTERPART : ICMP6_COUNTERPART;
    const counterpart = map.get(sp);
    if (counterpart === undefined) oneWay = true;
    else dp = counterpart;
  }
  if (!hasPorts) {
    sp = 0;
    dp = 0;
  }
  const c = compareBytes(sa, da);
  if (!oneWay && (c > 0 || (c === 0 && sp > dp))) {
    [sa, da] = [da, sa];
    [sp, dp] = [dp, sp];
  }
  const buf = Buffer.alloc(2 + sa.length * 2 + 2 + (hasPorts ? 4 : 0));
  let o = buf.writeUInt16BE(seed & 0xffff, 0);
  buf.set(sa, o);
  o += sa.length;
  buf.set(da, o);
  o += da.length;
  o = buf.writeUInt8(t.proto & 0xff, o);
  o = buf.writeUInt8(0, o);
  if (hasPorts) {
    o = buf.writeUInt16BE(sp & 0xffff, o);
    buf.writeUInt16BE(dp & 0xffff, o);
  }
  return '1:' + createHash('sha1').update(buf).digest('base64');
}

/** Community ID of a flow record's (client, server) tuple; IPv4 uses the 4-byte addresses. */
export function flowCommunityId(
  f: {
    ipVersion: number;
    srcAddr: Uint8Array;
    dstAddr: Uint8Array;
    srcPort: number;
    destPort: number;
    proto: number;
  },
  seed = 0,
): string {
  const v4 = f.ipVersion === 4;
  return communityId(
    {
      proto: f.proto,
      srcAddr: v4 ? f.srcAddr.subarray(12, 16) : f.srcAddr,
      dstAddr: v4 ? f.dstAddr.subarray(12, 16) : f.dstAddr,
      srcPort: f.srcPort,
      dstPort: f.destPort,
    },
    seed,
  );
}
