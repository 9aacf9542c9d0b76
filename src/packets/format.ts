/** Text forms of addresses and times as tshark and tcpdump print them. */

export function formatMac(b: Uint8Array, off: number): string {
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) parts.push((b[off + i] ?? 0).toString(16).padStart(2, '0'));
  return parts.join(':');
}

export function formatIpv4(b: Uint8Array, off: number): string {
  return `${b[off] ?? 0}.${b[off + 1] ?? 0}.${b[off + 2] ?? 0}.${b[off + 3] ?? 0}`;
}

/** RFC 5952 text: lowercase, longest run (>= 2) of zero groups compressed, IPv4-mapped dotted. */
export function formatIpv6(b: Uint8Array, off: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push(((b[off + 2 * i] ?? 0) << 8) | (b[off + 2 * i + 1] ?? 0));
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `::ffff:${formatIpv4(b, off + 12)}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (x: number): string => x.toString(16);
  if (bestStart < 0) return g.map(hex).join(':');
  const head = g.slice(0, bestStart).map(hex).join(':');
  const tail = g
    .slice(bestStart + bestLen)
    .map(hex)
    .join(':');
  return `${head}::${tail}`;
}

/** Seconds since the epoch with nine decimals (tshark's frame.time_epoch). */
export function formatEpochNs(tsNs: bigint): string {
  const sec = tsNs / 1_000_000_000n;
  const frac = tsNs % 1_000_000_000n;
  return `${sec}.${frac.toString().padStart(9, '0')}`;
}

/** Seconds with six decimals, as EVE and tcpdump print times. */
export function formatEpochUs(tsNs: bigint): string {
  const us = tsNs / 1000n;
  return `${us / 1_000_000n}.${(us % 1_000_000n).toString().padStart(6, '0')}`;
}
