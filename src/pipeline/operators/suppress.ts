/**
 * `suppress(rules)`: drop alerts matching a suppression (Suricata threshold.config
 * `suppress gen_id G, sig_id S[, track by_src|by_dst, ip ADDR]`). Not timed.
 */
import { filter, type MonoTypeOperatorFunction } from 'rxjs';

export interface Suppression {
  signatureId: number;
  /** Only alerts whose tracked address is in this set; all alerts of the signature when absent. */
  addresses?: ReadonlySet<string>;
  track?: 'by_src' | 'by_dst';
}

export interface SuppressibleAlert {
  signatureId: number;
  srcIp: string;
  destIp: string;
}

export function suppress<T extends SuppressibleAlert>(
  rules: readonly Suppression[],
): MonoTypeOperatorFunction<T> {
  const bySid = new Map<number, Suppression[]>();
  for (const r of rules) bySid.set(r.signatureId, [...(bySid.get(r.signatureId) ?? []), r]);
  return filter((a) => {
    const rs = bySid.get(a.signatureId);
    if (!rs) return true;
    for (const r of rs) {
      if (!r.addresses) return false;
      const ip = r.track === 'by_dst' ? a.destIp : a.srcIp;
      if (r.addresses.has(ip)) return false;
    }
    return true;
  });
}
