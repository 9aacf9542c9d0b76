/**
 * Reassembled TCP stream chunks (assembly/emit/streams.ts) and the writer behind `netsift
 * streams`: each direction of each TCP flow becomes one file named as tcpflow names it
 * (`192.168.001.001.01234-010.000.000.001.00080`, sender first; `--<vlan>` appended for tagged
 * flows; `c1`, `c2`, ... for later connections on the same 5-tuple), the bytes written at their
 * stream offsets so a gap stays a hole (zero bytes), as tcpflow leaves it.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { formatIpv6 } from '../packets/format.js';
import * as L from '../wasm/layout.js';

export interface StreamChunk {
  flowId: bigint;
  firstPacket: bigint;
  toServer: boolean;
  offset: number;
  ipVersion: number;
  srcAddr: Uint8Array;
  dstAddr: Uint8Array;
  srcPort: number;
  dstPort: number;
  vlan: number;
  /** A view into WASM memory: valid only during the engine callback. */
  data: Uint8Array;
}

export function readStreamChunks(
  mem: Uint8Array,
  ptr: number,
  count: number,
  dataPtr: number,
): StreamChunk[] {
  const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  const out: StreamChunk[] = [];
  for (let i = 0; i < count; i++) {
    const r = ptr + i * L.STREAM_RECORD_SIZE;
    const len = dv.getUint32(r + L.STREAM_LEN_OFF, true);
    const d = dataPtr + dv.getUint32(r + L.STREAM_DATA_OFF, true);
    out.push({
      flowId: dv.getBigUint64(r + L.STREAM_FLOW_ID_OFF, true),
      firstPacket: dv.getBigUint64(r + L.STREAM_FIRST_PKT_OFF, true),
      toServer: dv.getUint8(r + L.STREAM_DIR_OFF) === 0,
      offset: dv.getUint32(r + L.STREAM_OFFSET_OFF, true),
      ipVersion: dv.getUint8(r + L.STREAM_IPVER_OFF),
      srcAddr: mem.slice(r + L.STREAM_SRC_ADDR_OFF, r + L.STREAM_SRC_ADDR_OFF + 16),
      dstAddr: mem.slice(r + L.STREAM_DST_ADDR_OFF, r + L.STREAM_DST_ADDR_OFF + 16),
      srcPort: dv.getUint16(r + L.STREAM_SRC_PORT_OFF, true),
      dstPort: dv.getUint16(r + L.STREAM_DST_PORT_OFF, true),
      vlan: dv.getUint16(r + L.STREAM_VLAN_OFF, true),
      data: mem.subarray(d, d + len),
    });
  }
  return out;
}

function tcpflowAddr(a: Uint8Array, ipVersion: number): string {
  if (ipVersion === 4) return [12, 13, 14, 15].map((i) => String(a[i] ?? 0).padStart(3, '0')).join('.');
  return formatIpv6(a, 0); // inet_ntop's text, as tcpflow prints it
}

/** tcpflow's file name for one direction (without the connection-count suffix). */
export function tcpflowName(
  c: Pick<StreamChunk, 'ipVersion' | 'srcAddr' | 'dstAddr' | 'srcPort' | 'dstPort' | 'vlan'>,
): string {
  const src = `${tcpflowAddr(c.srcAddr, c.ipVersion)}.${String(c.srcPort).padStart(5, '0')}`;
  const dst = `${tcpflowAddr(c.dstAddr, c.ipVersion)}.${String(c.dstPort).padStart(5, '0')}`;
  return `${src}-${dst}${c.vlan ? `--${c.vlan}` : ''}`;
}

/** Writes stream chunks into one file per flow direction. */
export class StreamWriter {
  private readonly files = new Map<string, { fd: number; name: string }>();
  /** Flows already named per base name (flow key), for the c1, c2, ... suffixes. */
  private readonly flowsPerName = new Map<string, string[]>();
  readonly written = new Map<string, number>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  write(c: StreamChunk): void {
    const flowKey = `${c.flowId}:${c.firstPacket}`;
    const key = `${flowKey}:${c.toServer ? 's' : 'c'}`;
    let f = this.files.get(key);
    if (!f) {
      const base = tcpflowName(c);
      const flows = this.flowsPerName.get(base) ?? [];
      let n = flows.indexOf(flowKey);
      if (n < 0) {
        n = flows.length;
        flows.push(flowKey);
        this.flowsPerName.set(base, flows);
      }
      const name = n === 0 ? base : `${base}c${n}`;
      f = { fd: openSync(join(this.dir, name), 'w'), name };
      this.files.set(key, f);
    }
    writeSync(f.fd, c.data, 0, c.data.length, c.offset);
    this.written.set(f.name, (this.written.get(f.name) ?? 0) + c.data.length);
  }

  close(): void {
    for (const f of this.files.values()) closeSync(f.fd);
    this.files.clear();
  }
}
