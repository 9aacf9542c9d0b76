// The packet being decoded: scratch state filled by the decoders, reused for every packet (no
// allocation on the hot path). Decoders append layers and set the flow-relevant summary fields;
// a tunnel's inner headers overwrite the summary, so later stages see the innermost packet while
// the layer stack keeps the tunnel.

import {
  LAYER_DECLLEN_OFF,
  LAYER_FLAGS_OFF,
  LAYER_HDRLEN_OFF,
  LAYER_OFF_OFF,
  LAYER_PROTO_OFF,
  LAYER_SIZE,
  MAX_LAYERS,
} from '../abi/layout';
import { ANOM_NONE, ANOM_DECODE_TOO_DEEP } from '../abi/anomalies';
import { LAYER_MALFORMED, LAYER_QUOTED, LAYER_TRUNCATED } from '../abi/protocols';
import { raiseAnomaly } from '../stats/counters';

/** Layer stack: MAX_LAYERS entries of LAYER_SIZE bytes. */
export const layersPtr: usize = memory.data(<i32>(MAX_LAYERS * LAYER_SIZE), 8);
export let layerCount: u32 = 0;

/** Set by each decoder: where the next layer starts and where its bytes end (exclusive). */
export let nextOff: u32 = 0;
export let nextEnd: u32 = 0;

/** First stopping anomaly of this packet (ANOM_NONE when the packet decoded cleanly). */
export let stopAnomaly: u16 = ANOM_NONE;
/** Flags added to every layer pushed (LAYER_QUOTED inside ICMP errors, LAYER_TUNNELED inside tunnels). */
export let layerFlags: u8 = 0;

// ---- summary of the innermost packet (what flow, reassembly and matching look at) ----
export let ipVersion: u32 = 0; // 4, 6, or 0 (no IP)
export let ipOff: u32 = 0;
/** Source and destination addresses, 16 bytes each; IPv4 stored as IPv4-mapped (::ffff:a.b.c.d). */
export const srcAddrPtr: usize = memory.data(16, 8);
export const dstAddrPtr: usize = memory.data(16, 8);
export let ipProto: u32 = 0;
export let ipTtl: u32 = 0;
export let isFragment: bool = false;
export let l4Off: u32 = 0;
export let srcPort: u32 = 0;
export let dstPort: u32 = 0;
export let tcpFlags: u32 = 0;
export let payloadOff: u32 = 0;
export let payloadLen: u32 = 0;
export let vlanId: u32 = 0; // innermost 802.1Q/802.1ad id, 0 if untagged
export let tunnelDepth: u32 = 0;
/** Bytes the enclosing IP header declares for its payload (TCP length = this - TCP header). */
export let l4DeclLen: u32 = 0;

export function resetPacket(): void {
  layerCount = 0;
  stopAnomaly = ANOM_NONE;
  layerFlags = 0;
  ipVersion = 0;
  ipProto = 0;
  isFragment = false;
  srcPort = 0;
  dstPort = 0;
  tcpFlags = 0;
  payloadOff = 0;
  payloadLen = 0;
  vlanId = 0;
  tunnelDepth = 0;
}

/** True while decoding an ICMP error's quoted datagram: its headers must not change the summary. */
export function inQuote(): bool {
  return (layerFlags & LAYER_QUOTED) != 0;
}

export function setLayerFlags(f: u8): void {
  layerFlags = f;
}

export function setNext(off: u32, end: u32): void {
  nextOff = off;
  nextEnd = end;
}

/** Append a layer. Returns false when the stack is full (counted as decode.too_many_layers). */
export function pushLayer(proto: u8, off: u32, hdrLen: u32, declLen: u32): bool {
  if (layerCount >= MAX_LAYERS) {
    stop(ANOM_DECODE_TOO_DEEP);
    return false;
  }
  const p = layersPtr + <usize>(layerCount * LAYER_SIZE);
  store<u8>(p + LAYER_PROTO_OFF, proto);
  store<u8>(p + LAYER_FLAGS_OFF, layerFlags);
  store<u16>(p + LAYER_HDRLEN_OFF, <u16>min(hdrLen, 0xffff));
  store<u32>(p + LAYER_OFF_OFF, off);
  store<u32>(p + LAYER_DECLLEN_OFF, declLen);
  layerCount++;
  return true;
}

/** Protocol id of the most recent layer (PROTO_NONE when the stack is empty). */
export function lastLayerProto(): u8 {
  if (layerCount == 0) return 0;
  return load<u8>(layersPtr + <usize>((layerCount - 1) * LAYER_SIZE) + LAYER_PROTO_OFF);
}

/** Set a flag on the most recent layer (e.g. LAYER_TRUNCATED). */
export function flagLastLayer(flag: u8): void {
  if (layerCount == 0) return;
  const p = layersPtr + <usize>((layerCount - 1) * LAYER_SIZE) + LAYER_FLAGS_OFF;
  store<u8>(p, load<u8>(p) | flag);
}

/**
 * A header cut short by the capture: record what is there as a LAYER_TRUNCATED layer (fields read
 * only the captured bytes, as tshark shows a truncated header's leading fields), then stop with
 * `anomaly`. Nothing is recorded when no byte of the header was captured.
 */
export function stopTruncated(proto: u8, off: u32, avail: u32, anomaly: u16): u32 {
  if (avail > 0 && pushLayer(proto, off, avail, avail)) flagLastLayer(LAYER_TRUNCATED);
  return stop(anomaly);
}

/** A header that is present but invalid: named (LAYER_MALFORMED, no fields), then stop. */
export function stopMalformed(proto: u8, off: u32, avail: u32, anomaly: u16): u32 {
  if (pushLayer(proto, off, 0, avail)) flagLastLayer(LAYER_MALFORMED);
  return stop(anomaly);
}

/** Record a stopping anomaly: counted, remembered as the packet's first, and decoding ends. */
export function stop(anomaly: u16): u32 {
  raiseAnomaly(anomaly);
  if (stopAnomaly == ANOM_NONE) stopAnomaly = anomaly;
  return 0; // KEY_STOP
}

export function setIpSummary(version: u32, off: u32, proto: u32, ttl: u32): void {
  if (inQuote()) return;
  ipVersion = version;
  ipOff = off;
  ipProto = proto;
  ipTtl = ttl;
  // a new (inner) IP header invalidates the transport summary of an outer one
  srcPort = 0;
  dstPort = 0;
  tcpFlags = 0;
  payloadOff = 0;
  payloadLen = 0;
  isFragment = false;
}

export function setFragment(): void {
  if (!inQuote()) isFragment = true;
}

export function setTransportSummary(sport: u32, dport: u32, flags: u32, l4: u32, plOff: u32, plLen: u32): void {
  if (inQuote()) return;
  srcPort = sport;
  dstPort = dport;
  tcpFlags = flags;
  l4Off = l4;
  payloadOff = plOff;
  payloadLen = plLen;
}

export function setVlan(id: u32): void {
  if (!inQuote()) vlanId = id;
}

export function enterTunnel(): void {
  tunnelDepth++;
}

export function setL4DeclLen(n: u32): void {
  l4DeclLen = n;
}

/** An extension header names the next protocol: the summary follows it to the transport. */
export function setIpProto(proto: u32): void {
  if (!inQuote()) ipProto = proto;
}
