/** Buffered line output for commands that print one line per packet (stdout back-pressure aware). */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export class LineWriter {
  private buf: string[] = [];
  private size = 0;
  constructor(
    private readonly out: Writable = process.stdout,
    private readonly flushAt = 1 << 16,
  ) {}
  line(s: string): void {
    this.buf.push(s);
    this.size += s.length + 1;
  }
  /** Write what is buffered once it is large; awaits the stream when it is full. */
  async maybeFlush(): Promise<void> {
    if (this.size >= this.flushAt) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.buf.length) return;
    const text = this.buf.join('\n') + '\n';
    this.buf = [];
    this.size = 0;
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
}
