/**
 * A TCP conversation as a list of packet specs: three-way handshake, data segmented at the
 * flow's MSS with the receiver ACKing every second segment, FIN or RST teardown (RFC 793,
 * RFC 9293). Now and then a pair of adjacent data segments is swapped (out of order) or a
 * segment is sent twice (retransmission). Sequence numbers are mod 2^32.
 */
import {
  TCP_ACK,
  TCP_FIN,
  TCP_PSH,
  TCP_RST,
  TCP_SYN,
  type Flow,
  type Mark,
  type PacketSpec,
} from './frame.js';
import type { Rng } from './rng.js';

/** Probability that one `send` of two or more segments swaps two of them. */
const REORDER_P = 0.04;
/** Probability that one `send` retransmits one of its segments. */
const RETRANSMIT_P = 0.03;

export interface SendOptions {
  /** Extra segment boundaries (offsets into the data), e.g. inside a planted pattern. */
  cuts?: readonly number[];
  /** Marked byte range [start, end): segments overlapping it carry `mark`. */
  markRange?: readonly [number, number];
  mark?: Mark;
  /** Send the marked segments in reverse order (out of order on the wire). */
  reverseMarked?: boolean;
}

export class TcpConv {
  readonly specs: PacketSpec[] = [];
  /** Next sequence number to send, per direction. */
  private readonly nxt: [number, number];

  constructor(
    readonly flow: Flow,
    private readonly rng: Rng,
  ) {
    this.nxt = [rng.u32(), rng.u32()];
  }

  private seg(dir: 0 | 1, flags: number, payload: Uint8Array | null, mark?: Mark): PacketSpec {
    return {
      flow: this.flow,
      dir,
      flags,
      seq: this.nxt[dir],
      ack: flags & TCP_ACK ? this.nxt[1 - dir]! : 0,
      payload,
      mark,
    };
  }

  private ackFrom(dir: 0 | 1): void {
    this.specs.push(this.seg(dir, TCP_ACK, null));
  }

  handshake(): this {
    this.specs.push(this.seg(0, TCP_SYN, null));
    this.nxt[0] = (this.nxt[0] + 1) >>> 0;
    this.specs.push(this.seg(1, TCP_SYN | TCP_ACK, null));
    this.nxt[1] = (this.nxt[1] + 1) >>> 0;
    this.ackFrom(0);
    return this;
  }

  /** A connection attempt refused with RST (closed port). */
  refused(): this {
    this.specs.push(this.seg(0, TCP_SYN, null));
    this.nxt[0] = (this.nxt[0] + 1) >>> 0;
    this.nxt[1] = 0;
    this.specs.push(this.seg(1, TCP_RST | TCP_ACK, null));
    return this;
  }

  send(dir: 0 | 1, data: Uint8Array, opts: SendOptions = {}): this {
    const mss = this.flow.mss;
    const cuts = opts.cuts ?? [];
    const out: PacketSpec[] = [];
    const start = this.nxt[dir];
    const marked: number[] = [];
    let off = 0;
    let ci = 0;
    while (off < data.length) {
      while (ci < cuts.length && cuts[ci]! <= off) ci++;
      let end = Math.min(off + mss, data.length);
      if (ci < cuts.length && cuts[ci]! < end) end = cuts[ci]!;
      const last = end === data.length;
      const r = opts.markRange;
      const isMarked = r !== undefined && off < r[1] && end > r[0];
      if (isMarked) marked.push(out.length);
      out.push(
        this.seg(
          dir,
          TCP_ACK | (last ? TCP_PSH : 0),
          data.subarray(off, end),
          isMarked ? opts.mark : undefined,
        ),
      );
      this.nxt[dir] = (this.nxt[dir] + (end - off)) >>> 0;
      off = end;
    }
    if (opts.reverseMarked && marked.length > 1) {
      const specs = marked.map((i) => out[i]!).reverse();
      marked.forEach((i, k) => (out[i] = specs[k]!));
    }
    const free = (i: number): boolean => out[i]!.mark === undefined;
    if (out.length >= 2 && this.rng.chance(REORDER_P)) {
      const i = this.rng.int(out.length - 1);
      if (free(i) && free(i + 1)) [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
    }
    if (out.length >= 1 && this.rng.chance(RETRANSMIT_P)) {
      const i = this.rng.int(out.length);
      if (free(i)) out.splice(Math.min(i + 2, out.length), 0, out[i]!);
    }
    // the receiver ACKs every second segment and the last one, cumulatively: through the end of
    // the data contiguous from `start` (segments past a gap wait in `held`)
    let frontier = 0;
    const held: [number, number][] = [];
    for (let i = 0; i < out.length; i++) {
      const o = out[i]!;
      this.specs.push(o);
      const rel = (o.seq - start) >>> 0;
      const end = rel + (o.payload ? o.payload.length : 0);
      if (rel <= frontier) {
        frontier = Math.max(frontier, end);
        for (let k = 0; k < held.length;) {
          const h = held[k]!;
          if (h[0] <= frontier) {
            frontier = Math.max(frontier, h[1]);
            held.splice(k, 1);
            k = 0;
          } else k++;
        }
      } else held.push([rel, end]);
      if (i % 2 === 1 || i === out.length - 1) {
        this.specs.push({ ...this.seg((1 - dir) as 0 | 1, TCP_ACK, null), ack: (start + frontier) >>> 0 });
      }
    }
    return this;
  }

  /** Orderly close initiated by `dir` (FIN, FIN, ACK), or an abort with RST. */
  close(dir: 0 | 1, how: 'fin' | 'rst' = 'fin'): this {
    const other = (1 - dir) as 0 | 1;
    if (how === 'rst') {
      this.specs.push(this.seg(dir, TCP_RST | TCP_ACK, null));
      return this;
    }
    this.specs.push(this.seg(dir, TCP_FIN | TCP_ACK, null));
    this.nxt[dir] = (this.nxt[dir] + 1) >>> 0;
    this.specs.push(this.seg(other, TCP_FIN | TCP_ACK, null));
    this.nxt[other] = (this.nxt[other] + 1) >>> 0;
    this.ackFrom(dir);
    return this;
  }
}
