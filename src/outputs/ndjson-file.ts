/** One JSON document per line, appended to a file through a large write buffer. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export class NdjsonFile {
  private readonly stream: WriteStream;
  private buf: string[] = [];
  private size = 0;
  private error: Error | undefined;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { flags: 'w' });
    this.stream.on('error', (e) => (this.error = e));
  }

  write(doc: unknown): void {
    const line = JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
    this.buf.push(line);
    this.size += line.length + 1;
    if (this.size >= 1 << 16) this.flush();
  }

  writeLine(line: string): void {
    this.buf.push(line);
    this.size += line.length + 1;
    if (this.size >= 1 << 16) this.flush();
  }

  private flush(): void {
    if (!this.buf.length) return;
    this.stream.write(this.buf.join('\n') + '\n');
    this.buf = [];
    this.size = 0;
  }

  async close(): Promise<void> {
    this.flush();
    this.stream.end();
    await once(this.stream, 'close');
    if (this.error) throw this.error;
  }
}
