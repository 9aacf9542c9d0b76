/** Suricata's EVE timestamp: local-offset ISO form with microseconds, here always UTC ("+0000"). */
export function eveTimestamp(tsNs: bigint): string {
  const us = tsNs / 1000n;
  const ms = Number(us / 1000n);
  const d = new Date(ms);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const frac = String(us % 1_000_000n).padStart(6, '0');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${frac}+0000`
  );
}
