// Packet records (the slow path behind `decode`, `summary` and `packets$`): one fixed-size
// record per framed packet with its layer stack; the bytes stay in the input region and the
// record points at them. Layout in abi/layout.ts.

import {
  LAYER_SIZE,
  PACKET_ANOMALY_OFF,
  PACKET_CAPLEN_OFF,
  PACKET_DATA_OFF,
  PACKET_FLAGS_OFF,
  PACKET_IFACE_OFF,
  PACKET_LAYER_COUNT_OFF,
  PACKET_LAYERS_OFF,
  PACKET_LINKTYPE_OFF,
  PACKET_NUMBER_OFF,
  PACKET_ORIGLEN_OFF,
  PACKET_RECORD_CAPACITY,
  PACKET_RECORD_SIZE,
  PACKET_TS_NS_OFF,
} from '../abi/layout';
import { layerCount, layersPtr, stopAnomaly } from '../decode/packet';

export let packetRecordsPtr: usize = 0;
export let packetRecordCount: u32 = 0;

export function initPacketRecords(ptr: usize): void {
  packetRecordsPtr = ptr;
  packetRecordCount = 0;
}

export function clearPacketRecords(): void {
  packetRecordCount = 0;
}

export function packetRecordsFull(): bool {
  return packetRecordCount >= PACKET_RECORD_CAPACITY;
}

export function emitPacketRecord(
  number: u64,
  tsNs: u64,
  dataOff: u32,
  capLen: u32,
  origLen: u32,
  linkType: u32,
  iface: u32,
  flags: u32,
): void {
  const r = packetRecordsPtr + <usize>(packetRecordCount * PACKET_RECORD_SIZE);
  store<u64>(r + PACKET_NUMBER_OFF, number);
  store<u64>(r + PACKET_TS_NS_OFF, tsNs);
  store<u32>(r + PACKET_DATA_OFF, dataOff);
  store<u32>(r + PACKET_CAPLEN_OFF, capLen);
  store<u32>(r + PACKET_ORIGLEN_OFF, origLen);
  store<u16>(r + PACKET_LINKTYPE_OFF, <u16>linkType);
  store<u8>(r + PACKET_LAYER_COUNT_OFF, <u8>layerCount);
  store<u8>(r + PACKET_IFACE_OFF, <u8>iface);
  store<u16>(r + PACKET_ANOMALY_OFF, stopAnomaly);
  store<u16>(r + PACKET_FLAGS_OFF, <u16>flags);
  memory.copy(r + PACKET_LAYERS_OFF, layersPtr, <usize>(layerCount * LAYER_SIZE));
  packetRecordCount++;
}
