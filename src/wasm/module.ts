/**
 * Compile the engine's WebAssembly module once per process and check the ABI handshake: the
 * module's exported ABI_VERSION and layout globals must equal src/wasm/layout.ts. Workers
 * receive the compiled `WebAssembly.Module` (it structured-clones on Node 20) and instantiate it.
 */
import { readFileSync } from 'node:fs';
import { AbiMismatchError, EngineBugError } from '../errors.js';
import { packagePath } from '../paths.js';
import * as L from './layout.js';
import { ANOMALY_NAMES } from './anomalies.js';
import { PROTOCOLS } from './protocols.js';
import { CAND_RECORD_SIZE } from '../alerts/layout.js';

let compiled: WebAssembly.Module | undefined;

export function wasmPath(): string {
  return process.env.NETSIFT_WASM ?? packagePath('build', 'release.wasm');
}

export function compileEngineModule(): WebAssembly.Module {
  if (compiled) return compiled;
  let bytes: Buffer;
  try {
    bytes = readFileSync(wasmPath());
  } catch (err) {
    throw new AbiMismatchError(
      `cannot read the engine module ${wasmPath()}: ${(err as Error).message}; run \`npm run build\``,
    );
  }
  compiled = new WebAssembly.Module(new Uint8Array(bytes));
  return compiled;
}

/** The engine's exports, as typed numbers-only functions. */
export interface EngineExports {
  memory: WebAssembly.Memory;
  init(): void;
  inputRegion(): number;
  packetRegion(): number;
  countersRegion(): number;
  beginFile(format: number): void;
  processChunk(off: number, len: number, flags: number): number;
  anomalyEventRegion(): number;
  anomalyEvents(): number;
  consumedBytes(): number;
  errorChunkOffset(): number;
  packetRecords(): number;
  lastPacketNumber(): bigint;
  setLastPacketNumber(n: bigint): void;
  resetStats(): void;
  setShard(index: number, count: number): void;
  decodeSingle(len: number, linkType: number): number;
  configRegion(): number;
  applyConfig(): void;
  flowRegion(): number;
  flowRecords(): number;
  flushFlows(): number;
  packetFlowHash(len: number, linkType: number): number;
  filterRegion(): number;
  loadFilter(len: number): number;
  streamRegion(): number;
  streamDataRegion(): number;
  streamRecords(): number;
  // app layer (issue 7)
  appRegion(): number;
  appDataRegion(): number;
  appRecords(): number;
  appDataBytes(): number;
  appRecordsDropped(): number;
  appStatesInUse(): number;
  appBufferTable(): number;
}

const EXPECTED_GLOBALS: Record<string, number> = {
  ABI_VERSION: L.ABI_VERSION,
  INPUT_CAPACITY: L.INPUT_CAPACITY,
  PACKET_RECORD_SIZE: L.PACKET_RECORD_SIZE,
  PACKET_RECORD_CAPACITY: L.PACKET_RECORD_CAPACITY,
  LAYER_SIZE: L.LAYER_SIZE,
  MAX_LAYERS: L.MAX_LAYERS,
  COUNTERS_TOTAL: L.COUNTERS_TOTAL,
  ANOMALY_COUNT: ANOMALY_NAMES.length,
  PROTOCOL_COUNT: PROTOCOLS.length,
  FLOW_RECORD_SIZE: L.FLOW_RECORD_SIZE,
  FLOW_RECORD_CAPACITY: L.FLOW_RECORD_CAPACITY,
  CFG_WORDS: L.CFG_WORDS,
  FILTER_CAPACITY: L.FILTER_CAPACITY,
  STREAM_RECORD_SIZE: L.STREAM_RECORD_SIZE,
  /** alert candidates (assembly/emit/alerts.ts, mirrored in src/alerts/layout.ts) */
  CAND_RECORD_SIZE,
  APP_RECORD_SIZE: L.APP_RECORD_SIZE,
};

/** Instantiate the module and verify the handshake. */
export function instantiateEngine(module: WebAssembly.Module = compileEngineModule()): EngineExports {
  const instance = new WebAssembly.Instance(module, {
    env: {
      abort(msgPtr: number, filePtr: number, line: number, col: number): never {
        const mem = instance.exports.memory as WebAssembly.Memory;
        throw new EngineBugError(
          `engine abort: ${readAsString(mem, msgPtr)} at ${readAsString(mem, filePtr)}:${line}:${col}`,
          { line, col },
        );
      },
    },
  });
  const ex = instance.exports as Record<string, unknown>;
  for (const [name, want] of Object.entries(EXPECTED_GLOBALS)) {
    const g = ex[name];
    const got = g instanceof WebAssembly.Global ? Number(g.value) : undefined;
    if (got !== want) {
      throw new AbiMismatchError(
        `engine module ${wasmPath()} does not match this netsift: ${name} is ${got}, expected ${want}; rebuild with \`npm run build\``,
        { name, got, want },
      );
    }
  }
  const exportsTyped = ex as unknown as EngineExports;
  exportsTyped.init();
  return exportsTyped;
}

/** Read an AssemblyScript string (UTF-16, length at ptr - 4) for abort messages. */
function readAsString(mem: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '?';
  const len = new Uint32Array(mem.buffer, ptr - 4, 1)[0] ?? 0;
  return Buffer.from(mem.buffer, ptr, len).toString('utf16le');
}
