/**
 * Live capture with the optional `cap` package (libpcap). It runs on the MAIN thread: cap's native
 * handle aborts the process inside a worker thread. Its per-packet callback does the least
 * possible — copy the bytes into the current batch (live-batch.ts) — and full batches, or the
 * batch of the last `flushIntervalMs`, go to the engine through a LiveSource (live-source.ts),
 * where the worker pool frames, decodes and matches them. The --bpf expression is compiled by
 * libpcap (in the kernel where it can), so only matching packets ever reach JavaScript.
 *
 * What cap does not give: per-packet timestamps (netsift stamps a packet when the callback runs,
 * nanoseconds from a monotonic clock anchored to the wall clock at start) and the original length
 * of a packet cut by the snap length (counted as `truncated`; its original length is recorded as
 * the captured length). cap always opens with libpcap's snap length 65535; a smaller --snaplen is
 * the size of the buffer cap copies into.
 */
import { ConfigError } from '../errors.js';
import { BatchWriter } from './live-batch.js';
import { LiveSource } from './live-source.js';

export const CAP_INSTALL_HINT = 'apt-get install libpcap-dev && npm rebuild cap';

export interface CapAddress {
  addr: string;
  netmask?: string;
  broadaddr?: string;
}
export interface CapDevice {
  name: string;
  description?: string;
  addresses: CapAddress[];
  flags?: string;
}
interface CapHandle {
  open(device: string, filter: string, bufSize: number, buffer: Buffer): string;
  close(): void;
  setMinBytes?(n: number): void;
  on(ev: 'packet', cb: (nbytes: number, truncated: boolean) => void): void;
  removeAllListeners(): void;
}
export interface CapModule {
  Cap: { new (): CapHandle; deviceList(): CapDevice[] };
}

/** Import `cap` (an optional dependency); a ConfigError that says what to install when it is missing. */
export async function loadCap(): Promise<CapModule> {
  const name = 'cap';
  try {
    const m = (await import(name)) as { default?: CapModule } & CapModule;
    const mod = m.default ?? m;
    if (typeof mod.Cap !== 'function') throw new Error('no Cap export');
    return mod;
  } catch (err) {
    const why = (err as Error).message.split('\n')[0];
    throw new ConfigError(
      `live capture needs the optional package "cap" built against libpcap (${why}); install it with: ${CAP_INSTALL_HINT}`,
      { hint: CAP_INSTALL_HINT },
    );
  }
}

/** cap's link type names → pcap LINKTYPE_* values. */
const LINK_TYPES: Readonly<Record<string, number>> = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LINKTYPE_LINUX_SLL: 113,
  IEEE802_11_RADIO: 127,
};

export interface LiveCaptureOptions {
  iface: string;
  /** A pcap-filter expression compiled by libpcap. */
  filter?: string;
  /** Bytes kept per packet (default and maximum 65535). */
  snaplen?: number;
  /** libpcap's capture buffer (the kernel ring), MiB (default 128). */
  bufferSizeMiB?: number;
  /** Bytes per batch handed to the engine (default 1 MiB). */
  batchBytes?: number;
  /** A partly filled batch goes to the engine after this long (default 100 ms). */
  flushIntervalMs?: number;
  /** Batches waiting for the engine before new ones are dropped (default 16). */
  maxQueued?: number;
  /** Stop after this many packets. */
  maxPackets?: number;
  /** Every captured packet (main thread, keep it cheap): bytes valid only during the call. */
  onPacket?: (data: Uint8Array, capLen: number, tsNs: bigint) => void;
}

export const MAX_SNAPLEN = 65535;

/**
 * Handles whose open failed, kept reachable for the life of the process. cap creates the pcap
 * handle before it activates it and compiles the filter, and a failure after that leaves the
 * handle set but the object unreferenced (no Ref): when such an object is garbage-collected, its
 * destructor calls Unref and the process aborts (nan's `!persistent().IsEmpty()` assertion, or a
 * segfault), and close() on it aborts the same way. Keeping it reachable leaks one pcap handle per
 * failed open instead.
 */
const failedHandles: CapHandle[] = [];

export class LiveCapture {
  readonly source: LiveSource;
  /** pcap LINKTYPE_* of the interface. */
  readonly linkType: number;
  /** Packets libpcap delivered (after its filter). */
  captured = 0;
  /** Bytes libpcap delivered (captured lengths). */
  capturedBytes = 0;
  /** Packets cut by the snap length. */
  truncated = 0;
  /** Why the capture stopped (`count`, `duration`, `interrupted`, ...), once it has. */
  stopReason: string | undefined;
  readonly done: Promise<string>;
  private readonly handle: CapHandle;
  private readonly buf: Buffer;
  private readonly writer: BatchWriter;
  private readonly timer: NodeJS.Timeout;
  private readonly clockBase: bigint;
  private resolveDone!: (reason: string) => void;

  constructor(
    cap: CapModule,
    private readonly opts: LiveCaptureOptions,
  ) {
    const snaplen = opts.snaplen ?? MAX_SNAPLEN;
    if (!Number.isInteger(snaplen) || snaplen < 1 || snaplen > MAX_SNAPLEN) {
      throw new ConfigError(`--snaplen must be 1..${MAX_SNAPLEN}, got ${snaplen}`);
    }
    const bufMiB = opts.bufferSizeMiB ?? 128;
    if (!(bufMiB > 0 && bufMiB <= 4096))
      throw new ConfigError(`--buffer-size must be 1..4096 MiB, got ${bufMiB}`);
    this.done = new Promise((r) => (this.resolveDone = r));
    this.source = new LiveSource(`live:${opts.iface}`, opts.maxQueued ?? 16);
    this.writer = new BatchWriter(opts.batchBytes ?? 1 << 20);
    this.buf = Buffer.alloc(snaplen);
    this.handle = new cap.Cap();
    let name: string;
    try {
      name = this.handle.open(opts.iface, opts.filter ?? '', Math.round(bufMiB * 1024 * 1024), this.buf);
    } catch (err) {
      failedHandles.push(this.handle);
      throw new ConfigError(`cannot capture on "${opts.iface}": ${(err as Error).message}`, {
        iface: opts.iface,
      });
    }
    const lt = LINK_TYPES[name];
    if (lt === undefined) {
      this.handle.close();
      throw new ConfigError(`cannot capture on "${opts.iface}": unsupported link type ${name}`);
    }
    this.linkType = lt;
    this.handle.setMinBytes?.(0);
    this.clockBase = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();
    this.handle.on('packet', (nbytes, truncated) => this.onPacket(nbytes, truncated));
    this.timer = setInterval(() => this.flush(), opts.flushIntervalMs ?? 100);
  }

  private onPacket(nbytes: number, truncated: boolean): void {
    if (this.stopReason !== undefined) return;
    const tsNs = this.clockBase + process.hrtime.bigint();
    if (!this.writer.fits(nbytes)) this.flush();
    this.writer.add(this.buf, nbytes, nbytes, tsNs, this.linkType);
    this.captured++;
    this.capturedBytes += nbytes;
    if (truncated) this.truncated++;
    this.opts.onPacket?.(this.buf, nbytes, tsNs);
    if (this.opts.maxPackets !== undefined && this.captured >= this.opts.maxPackets) this.stop('count');
  }

  /** Hand the current batch to the engine (dropped and counted if the engine is behind). */
  flush(): void {
    const b = this.writer.take();
    if (b) this.source.push(b.bytes, b.packets);
  }

  /** Stop capturing: the last batch goes to the engine and its run ends after it. Idempotent. */
  stop(reason: string): void {
    if (this.stopReason !== undefined) return;
    this.stopReason = reason;
    clearInterval(this.timer);
    this.handle.close();
    this.flush();
    this.source.end();
    this.resolveDone(reason);
  }
}

/** The capture devices libpcap sees. */
export function listDevices(cap: CapModule): CapDevice[] {
  return cap.Cap.deviceList();
}
