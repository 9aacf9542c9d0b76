/**
 * Kernel-side drops for a live capture. `cap` exposes no pcap_stats(), so the capture socket's
 * own drop counter (PACKET_STATISTICS tp_drops) is out of reach from JavaScript. What Linux does
 * expose per interface is /sys/class/net/IFACE/statistics/rx_dropped (and rx_missed_errors):
 * packets the driver or the kernel dropped before any socket saw them. netsift reports the
 * increase of their sum over the capture. It does NOT include packets dropped because the
 * capture socket's ring buffer was full (raise --buffer-size to make those unlikely).
 */
import { readFileSync } from 'node:fs';

const COUNTERS = ['rx_dropped', 'rx_missed_errors'] as const;

/** The interface's drop counters now (sum), or undefined where /sys has none (non-Linux, `any`). */
export function readInterfaceDrops(iface: string, root = '/sys/class/net'): number | undefined {
  if (!/^[\w.:@-]+$/.test(iface)) return undefined;
  let sum = 0;
  let found = false;
  for (const c of COUNTERS) {
    try {
      sum += Number(readFileSync(`${root}/${iface}/statistics/${c}`, 'utf8').trim());
      found = true;
    } catch {
      // counter absent for this driver
    }
  }
  return found ? sum : undefined;
}

/** Drops since `start()` (undefined when the interface has no counters). */
export class KernelDrops {
  private base: number | undefined;
  constructor(
    readonly iface: string,
    private readonly root = '/sys/class/net',
  ) {
    this.base = readInterfaceDrops(iface, root);
  }

  get available(): boolean {
    return this.base !== undefined;
  }

  read(): number | undefined {
    if (this.base === undefined) return undefined;
    const now = readInterfaceDrops(this.iface, this.root);
    return now === undefined ? undefined : Math.max(0, now - this.base);
  }
}
