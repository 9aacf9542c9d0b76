// The standalone app-parser module (assembly/app/standalone.ts), compiled once per test process,
// with helpers to feed stream chunks / DNS messages and read events, buffers and anomalies.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAppRecords, type AppEvent } from '../../../src/app/records.js';
import { APP_BUFFERS, type AppBufferName } from '../../../src/app/buffers.js';
import { ANOMALY_NAMES } from '../../../src/wasm/anomalies.js';
import * as L from '../../../src/wasm/layout.js';

interface Exports {
  memory: WebAssembly.Memory;
  init(): void;
  inputPtr(): number;
  feedStream(dir: number, len: number, off: number): void;
  feedDns(dir: number, len: number): number;
  endFlow(): void;
  appProto(): number;
  records(): number;
  recordsPtr(): number;
  dataPtr(): number;
  clearRecords(): void;
  bufTable(): number;
  counters(): number;
  md5Of(len: number): number;
  sha1Of(len: number): number;
  sha256Of(len: number): number;
  INPUT_SIZE: WebAssembly.Global;
  BUFFER_COUNT: WebAssembly.Global;
}

let modulePromise: WebAssembly.Module | undefined;

function newest(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir)) t = Math.max(t, statSync(join(dir, f)).mtimeMs);
  return t;
}

function compile(): WebAssembly.Module {
  if (modulePromise) return modulePromise;
  const cached = join(process.cwd(), 'build', 'app-standalone.wasm');
  const srcTime = Math.max(newest('assembly/app'), statSync('assembly/emit/app.ts').mtimeMs);
  let path = cached;
  if (!existsSync(cached) || statSync(cached).mtimeMs < srcTime) {
    path = join(mkdtempSync(join(tmpdir(), 'netsift-app-')), 'app.wasm');
    execFileSync('npx', ['asc', 'assembly/app/standalone.ts', '-o', path, '--runtime', 'stub', '-O3'], {
      stdio: 'inherit',
    });
  }
  modulePromise = new WebAssembly.Module(readFileSync(path));
  return modulePromise;
}

export class AppParser {
  readonly ex: Exports;
  private offs = [0, 0];
  constructor() {
    const inst = new WebAssembly.Instance(compile(), {
      env: {
        abort(): never {
          throw new Error('app module abort');
        },
      },
    });
    this.ex = inst.exports as unknown as Exports;
    this.ex.init();
  }

  private put(bytes: Uint8Array): void {
    const max = Number(this.ex.INPUT_SIZE.value);
    if (bytes.length > max) throw new Error(`input of ${bytes.length} bytes exceeds ${max}`);
    new Uint8Array(this.ex.memory.buffer).set(bytes, this.ex.inputPtr());
  }

  /** Stream bytes in direction 0 (toserver) or 1 (toclient), at the next offset unless given. */
  stream(dir: 0 | 1, bytes: Uint8Array | string, off?: number): this {
    const b = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
    const at = off ?? this.offs[dir] ?? 0;
    this.put(b);
    this.ex.feedStream(dir, b.length, at);
    this.offs[dir] = at + b.length;
    return this;
  }

  /** Feed `bytes` in pieces of `size`. */
  streamChunked(dir: 0 | 1, bytes: Uint8Array, size: number): this {
    for (let i = 0; i < bytes.length; i += size) this.stream(dir, bytes.subarray(i, i + size));
    return this;
  }

  dns(dir: 0 | 1, bytes: Uint8Array): boolean {
    this.put(bytes);
    return this.ex.feedDns(dir, bytes.length) !== 0;
  }

  end(): this {
    this.ex.endFlow();
    this.offs = [0, 0];
    return this;
  }

  get appProto(): number {
    return this.ex.appProto();
  }

  events(): AppEvent[] {
    const mem = new Uint8Array(this.ex.memory.buffer);
    const data = mem.subarray(this.ex.dataPtr(), this.ex.dataPtr() + L.APP_DATA_CAPACITY);
    return readAppRecords(mem, this.ex.recordsPtr(), this.ex.records(), data);
  }

  /** Current value of a named buffer (the last transaction parsed), as latin1 text. */
  buffer(name: AppBufferName): string | undefined {
    const id = APP_BUFFERS[name];
    const dv = new DataView(this.ex.memory.buffer);
    const ptr = dv.getUint32(this.ex.bufTable() + id * 8, true);
    const len = dv.getUint32(this.ex.bufTable() + id * 8 + 4, true);
    if (len === 0) return undefined;
    return Buffer.from(this.ex.memory.buffer, ptr, len).toString('latin1');
  }

  anomaly(name: string): number {
    const id = ANOMALY_NAMES.indexOf(name);
    if (id < 0) throw new Error(`no anomaly ${name}`);
    const c = new BigUint64Array(this.ex.memory.buffer, this.ex.counters(), L.COUNTERS_TOTAL);
    return Number(c[L.ANOMALY_COUNTERS_BASE + id] ?? 0n);
  }

  anomalies(): Record<string, number> {
    const c = new BigUint64Array(this.ex.memory.buffer, this.ex.counters(), L.COUNTERS_TOTAL);
    const out: Record<string, number> = {};
    ANOMALY_NAMES.forEach((n, i) => {
      const v = Number(c[L.ANOMALY_COUNTERS_BASE + i] ?? 0n);
      if (v) out[n] = v;
    });
    return out;
  }

  md5(bytes: Uint8Array): string {
    this.put(bytes);
    const p = this.ex.md5Of(bytes.length);
    return Buffer.from(this.ex.memory.buffer, p, 16).toString('hex');
  }

  sha1(bytes: Uint8Array): string {
    this.put(bytes);
    const p = this.ex.sha1Of(bytes.length);
    return Buffer.from(this.ex.memory.buffer, p, 20).toString('hex');
  }

  sha256(bytes: Uint8Array): string {
    this.put(bytes);
    const p = this.ex.sha256Of(bytes.length);
    return Buffer.from(this.ex.memory.buffer, p, 32).toString('hex');
  }
}

export function hex(s: string): Uint8Array {
  return Buffer.from(s.replace(/[^0-9a-f]/gi, ''), 'hex');
}
