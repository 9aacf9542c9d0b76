/**
 * `decodePacket(bytes, linkType)`: decode one packet held in memory with the same WASM decoders
 * as the capture path (library API, and the helper behind the decoder unit tests).
 *
 * The bytes are copied into the engine's input region and decoded by the exported
 * `decodeSingle(len, linkType)`, which writes one packet record; that record becomes a
 * DecodedPacket (layers, stopping anomaly, a copy of the bytes). The packet's number and
 * timestamp are 0: it does not belong to a capture. Anomalies are also counted in the engine's
 * counters, as for any packet.
 *
 * By default one engine instance, created on first use, is shared by every call in the thread;
 * pass `engine` to use your own (e.g. to read its anomaly counters afterwards).
 */
import { ConfigError } from '../errors.js';
import { EngineInstance } from '../wasm/instance.js';
import * as L from '../wasm/layout.js';
import { readOneRecord, type DecodedPacket } from './packet.js';

/** pcap LINKTYPE_ETHERNET, the default link type. */
export const LINKTYPE_ETHERNET = 1;

let shared: EngineInstance | undefined;

/**
 * Decode one packet. `linkType` is a pcap LINKTYPE_* value (1 Ethernet, 101 raw IP, 113 Linux
 * SLL, ...); an unsupported one yields a packet with no layers and the anomaly
 * `frame.unsupported_linktype`. Throws a ConfigError when the packet is longer than the engine's
 * largest capture length (L.MAX_CAPLEN bytes).
 */
export function decodePacket(
  bytes: Uint8Array,
  linkType: number = LINKTYPE_ETHERNET,
  engine?: EngineInstance,
): DecodedPacket {
  if (bytes.length > L.MAX_CAPLEN) {
    throw new ConfigError(
      `decodePacket: ${bytes.length} bytes is more than the ${L.MAX_CAPLEN}-byte maximum`,
      {
        length: bytes.length,
        max: L.MAX_CAPLEN,
      },
    );
  }
  if (!Number.isInteger(linkType) || linkType < 0 || linkType > 0xffff) {
    throw new ConfigError(`decodePacket: link type ${linkType} is not a 16-bit pcap LINKTYPE_* value`, {
      linkType,
    });
  }
  const inst = engine ?? (shared ??= new EngineInstance());
  inst.inputView().set(bytes, 0);
  inst.ex.decodeSingle(bytes.length, linkType);
  const mem = inst.memoryView();
  const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  return readOneRecord(mem, dv, inst.packetRecordsAt().ptr, inst.inputPtr);
}
