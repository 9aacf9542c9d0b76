/**
 * `sniff({ file | iface, filter, count })`: Scapy's convenience as an Observable of decoded
 * packets, each with `.summary()`. Files are read through the same WASM decoders as the hot path
 * (this is the slow path: one object per packet). Live interfaces go through `netsift live`'s
 * capture backend when it is available.
 */
import { Observable } from 'rxjs';
import { ConfigError } from '../errors.js';
import type { DecodedPacket } from './packet.js';
import { readPackets } from './read-packets.js';

export interface SniffOptions {
  /** One capture file or several, read as one stream. */
  file?: string | readonly string[];
  /** A live interface (needs the optional `cap` package and libpcap). */
  iface?: string;
  /** A tcpdump filter expression. */
  filter?: string;
  /** Stop after this many packets. */
  count?: number;
}

/** Live sniffing is provided by the live-capture module when it is present. */
export type LiveSniffer = (opts: SniffOptions) => Observable<DecodedPacket>;
let liveSniffer: LiveSniffer | undefined;

export function registerLiveSniffer(fn: LiveSniffer): void {
  liveSniffer = fn;
}

export function sniff(opts: SniffOptions): Observable<DecodedPacket> {
  if (opts.iface !== undefined) {
    if (opts.file !== undefined) throw new ConfigError('sniff: give file or iface, not both');
    if (!liveSniffer)
      throw new ConfigError('sniff: live capture is not available in this build (see `netsift live`)');
    return liveSniffer(opts);
  }
  if (opts.file === undefined) throw new ConfigError('sniff: give file or iface');
  if (opts.filter !== undefined) {
    throw new ConfigError('sniff: filter on files is applied with --bpf by the CLI; not supported here yet');
  }
  const file = opts.file;
  return new Observable<DecodedPacket>((sub) => {
    let stopped = false;
    (async () => {
      for await (const p of readPackets(typeof file === 'string' ? [file] : file, { count: opts.count })) {
        if (stopped) break;
        sub.next(p);
      }
      sub.complete();
    })().catch((err: unknown) => sub.error(err));
    return () => {
      stopped = true;
    };
  });
}
