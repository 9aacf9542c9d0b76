/**
 * Packet records made self-contained for the trip from a worker to the main thread (the opt-in
 * packets$ slow path): one block per engine call holds the records, then the captured bytes they
 * point at, with each record's data offset rewritten to its bytes inside the block.
 *
 *   block: count u32 · data start u32 · records (PACKET_RECORD_SIZE each) · packet bytes
 */
import * as L from '../wasm/layout.js';
import { readOneRecord, type DecodedPacket } from './packet.js';

const HEADER = 8;

export function packPacketBlock(mem: Uint8Array, ptr: number, count: number, chunkPtr: number): Uint8Array {
  const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  let dataBytes = 0;
  for (let i = 0; i < count; i++)
    dataBytes += dv.getUint32(ptr + i * L.PACKET_RECORD_SIZE + L.PACKET_CAPLEN_OFF, true);
  const dataStart = HEADER + count * L.PACKET_RECORD_SIZE;
  const block = new Uint8Array(dataStart + dataBytes);
  const out = new DataView(block.buffer);
  out.setUint32(0, count, true);
  out.setUint32(4, dataStart, true);
  block.set(mem.subarray(ptr, ptr + count * L.PACKET_RECORD_SIZE), HEADER);
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const r = ptr + i * L.PACKET_RECORD_SIZE;
    const off = chunkPtr + dv.getUint32(r + L.PACKET_DATA_OFF, true);
    const len = dv.getUint32(r + L.PACKET_CAPLEN_OFF, true);
    block.set(mem.subarray(off, off + len), dataStart + pos);
    out.setUint32(HEADER + i * L.PACKET_RECORD_SIZE + L.PACKET_DATA_OFF, pos, true);
    pos += len;
  }
  return block;
}

/** The packets of concatenated blocks, in block order. */
export function readPacketBlocks(bytes: Uint8Array): DecodedPacket[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: DecodedPacket[] = [];
  let at = 0;
  while (at + HEADER <= bytes.length) {
    const count = dv.getUint32(at, true);
    const dataStart = at + dv.getUint32(at + 4, true);
    for (let i = 0; i < count; i++)
      out.push(readOneRecord(bytes, dv, at + HEADER + i * L.PACKET_RECORD_SIZE, dataStart));
    let end = dataStart;
    for (let i = 0; i < count; i++)
      end += dv.getUint32(at + HEADER + i * L.PACKET_RECORD_SIZE + L.PACKET_CAPLEN_OFF, true);
    at = end;
  }
  return out;
}
