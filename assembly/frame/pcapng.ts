// pcapng (draft-ietf-opsawg-pcapng). A file is one or more sections; each starts with a
// Section Header Block whose byte-order magic sets the byte order of the whole section.
//
//   block: type (4) · total length (4) · body · total length (4), padded to 32 bits
//   SHB 0x0A0D0D0A: byte-order magic 0x1A2B3C4D · major · minor · section length (8) · options
//   IDB 0x00000001: link type (2) · reserved (2) · snaplen (4) · options (if_tsresol 9, if_tsoffset 14)
//   EPB 0x00000006: interface id · ts high · ts low · captured len · original len · data · options
//   SPB 0x00000003: original len · data (captured = min(original, snaplen, block room)), interface 0
//   PB  0x00000002 (obsolete): interface id (2) · drops (2) · ts high · ts low · captured · original · data
//
// Interfaces are numbered per section, up to MAX_INTERFACES. Other known blocks (name
// resolution, interface statistics, decryption secrets, custom, systemd journal) are skipped
// and counted; unknown block types are skipped and counted as pcapng.unknown_block. A block too
// large to hold in the input region is skipped across chunks without being buffered, unless it
// is a packet block (then the file is corrupt: STATUS_BAD_RECORD).

import { ANOM_PCAPNG_BAD_BLOCK, ANOM_PCAPNG_BAD_INTERFACE, ANOM_PCAPNG_UNKNOWN_BLOCK } from '../abi/anomalies';
import { COUNTER_BLOCKS_SKIPPED, MAX_CAPLEN } from '../abi/layout';
import { STATUS_BAD_RECORD, STATUS_BAD_VERSION, STATUS_TRUNCATED_HEADER } from '../abi/status';
import { addCounter, raiseAnomaly } from '../stats/counters';
import { ord16, ord32 } from '../util/bytes';
import { advance, base, fail, isFinal, pos, remaining } from './cursor';
import { markTruncated, setRecord } from './record';
import { FRAME_NEED_MORE, FRAME_RECORD } from './results';

export const PCAPNG_SHB: u32 = 0x0a0d0d0a;
const PCAPNG_BOM: u32 = 0x1a2b3c4d;
const BLOCK_IDB: u32 = 1;
const BLOCK_PB: u32 = 2;
const BLOCK_SPB: u32 = 3;
const BLOCK_NRB: u32 = 4;
const BLOCK_ISB: u32 = 5;
const BLOCK_EPB: u32 = 6;
const BLOCK_SYSTEMD: u32 = 9;
const BLOCK_DSB: u32 = 10;
const BLOCK_CUSTOM: u32 = 0x00000bad;
const BLOCK_CUSTOM_NOCOPY: u32 = 0x40000bad;

export const MAX_INTERFACES: u32 = 256;
/** Largest block held whole: a maximal packet plus generous room for options. */
const MAX_HELD_BLOCK: u32 = MAX_CAPLEN + 65536;

// Per-interface table, reset at each section: link type, snaplen, timestamp units, offset.
const ifLinkType = memory.data(<i32>(MAX_INTERFACES * 4), 8);
const ifSnapLen = memory.data(<i32>(MAX_INTERFACES * 4), 8);
const ifUnitsPerSec = memory.data(<i32>(MAX_INTERFACES * 8), 8); // 0 = power-of-two, see ifPow2
const ifPow2 = memory.data(<i32>(MAX_INTERFACES * 4), 8);
const ifOffsetSec = memory.data(<i32>(MAX_INTERFACES * 8), 8);

let swapped: bool = false;
let ifCount: u32 = 0;
/** Bytes of an oversized non-packet block still to skip in later chunks. */
let skipLeft: u64 = 0;

/** The current section is big-endian (the --bpf filter reads DLT_NULL families in file order). */
export function pcapngSwapped(): bool {
  return swapped;
}

export function resetPcapng(): void {
  swapped = false;
  ifCount = 0;
  skipLeft = 0;
}

/** A pcapng file starts with a Section Header Block (its type is byte-order independent). */
export function isPcapngMagic(magic: u32): bool {
  return magic == PCAPNG_SHB;
}

function pow10(k: u32): u64 {
  let v: u64 = 1;
  for (let i: u32 = 0; i < k; i++) v *= 10;
  return v;
}

/** Convert a timestamp in interface units to nanoseconds since the epoch. */
function toNs(iface: u32, ts: u64): u64 {
  const units = load<u64>(ifUnitsPerSec + (<usize>iface << 3));
  const offNs = load<u64>(ifOffsetSec + (<usize>iface << 3)) * 1_000_000_000;
  let ns: u64;
  if (units == 0) {
    const k = load<u32>(ifPow2 + (<usize>iface << 2));
    const mask = k >= 64 ? <u64>-1 : ((<u64>1) << k) - 1;
    const frac = ts & mask;
    const fracNs = k > 34 ? (frac >> (k - 30)) * 1_000_000_000 >> 30 : (frac * 1_000_000_000) >> k;
    ns = (k >= 64 ? 0 : ts >> k) * 1_000_000_000 + fracNs;
  } else if (units <= 1_000_000_000) {
    ns = ts * (1_000_000_000 / units);
  } else {
    ns = ts / (units / 1_000_000_000);
  }
  return ns + offNs;
}

function readSectionHeader(p: usize, blockLen: u32): i32 {
  const major = ord16(p + 12, swapped);
  if (major != 1) {
    fail(pos + 12);
    return -(<i32>STATUS_BAD_VERSION);
  }
  ifCount = 0;
  advance(blockLen);
  return 0;
}

function readInterface(p: usize, blockLen: u32): void {
  if (ifCount >= MAX_INTERFACES) {
    raiseAnomaly(ANOM_PCAPNG_BAD_INTERFACE);
    return;
  }
  const i = ifCount++;
  store<u32>(ifLinkType + (<usize>i << 2), ord16(p + 8, swapped));
  store<u32>(ifSnapLen + (<usize>i << 2), ord32(p + 12, swapped));
  store<u64>(ifUnitsPerSec + (<usize>i << 3), 1_000_000); // default: microseconds
  store<u32>(ifPow2 + (<usize>i << 2), 0);
  store<u64>(ifOffsetSec + (<usize>i << 3), 0);
  // options: code (2) · length (2) · value padded to 4
  let o: u32 = 16;
  const optEnd = blockLen - 4;
  while (o + 4 <= optEnd) {
    const code = ord16(p + o, swapped);
    const olen = ord16(p + o + 2, swapped);
    if (code == 0) break;
    if (o + 4 + olen > optEnd) break;
    const v = p + o + 4;
    if (code == 9 && olen >= 1) {
      const r = <u32>load<u8>(v);
      if ((r & 0x80) != 0) {
        store<u64>(ifUnitsPerSec + (<usize>i << 3), 0);
        store<u32>(ifPow2 + (<usize>i << 2), r & 0x7f);
      } else if ((r & 0x7f) <= 19) {
        store<u64>(ifUnitsPerSec + (<usize>i << 3), pow10(r & 0x7f));
      }
    } else if (code == 14 && olen == 8) {
      const lo = <u64>ord32(v, swapped);
      const hi = <u64>ord32(v + 4, swapped);
      store<u64>(ifOffsetSec + (<usize>i << 3), swapped ? (lo << 32) | hi : (hi << 32) | lo);
    }
    o += 4 + ((olen + 3) & ~3);
  }
}

function packetRecord(p: usize, blockLen: u32, iface: u32, tsHigh: u32, tsLow: u32, capLen: u32, origLen: u32, dataOff: u32): i32 {
  if (iface >= ifCount) {
    // a packet on an interface no IDB described: counted, and its link type is unknown
    raiseAnomaly(ANOM_PCAPNG_BAD_INTERFACE);
    setRecord(p + dataOff, 0, origLen, 0, 0xffff, iface);
    markTruncated();
    advance(blockLen);
    return FRAME_RECORD;
  }
  const room = blockLen - dataOff - 4;
  let cap = capLen;
  if (cap > room) {
    raiseAnomaly(ANOM_PCAPNG_BAD_BLOCK);
    cap = room;
  }
  const ts = ((<u64>tsHigh) << 32) | <u64>tsLow;
  setRecord(p + dataOff, cap, origLen, toNs(iface, ts), load<u32>(ifLinkType + (<usize>iface << 2)), iface);
  advance(blockLen);
  return FRAME_RECORD;
}

/**
 * Frame the next packet. Non-packet blocks are consumed in a loop. Returns FRAME_RECORD,
 * FRAME_NEED_MORE, or a negated status.
 */
export function nextPcapngRecord(): i32 {
  while (true) {
    if (skipLeft > 0) {
      const n = <u32>min<u64>(skipLeft, <u64>remaining());
      advance(n);
      skipLeft -= n;
      if (skipLeft > 0) return FRAME_NEED_MORE;
    }
    const avail = remaining();
    if (avail == 0) return FRAME_NEED_MORE;
    const p = base + pos;
    if (avail < 12) {
      if (!isFinal) return FRAME_NEED_MORE;
      raiseAnomaly(ANOM_PCAPNG_BAD_BLOCK);
      advance(avail);
      return FRAME_NEED_MORE;
    }
    const rawType = load<u32>(p);
    if (rawType == PCAPNG_SHB) {
      const bom = load<u32>(p + 8);
      if (bom == PCAPNG_BOM) swapped = false;
      else if (bswap<u32>(bom) == PCAPNG_BOM) swapped = true;
      else {
        fail(pos + 8);
        return -(<i32>STATUS_BAD_RECORD);
      }
    }
    const type = swapped ? bswap<u32>(rawType) : rawType;
    const blockLen = ord32(p + 4, swapped);
    if (blockLen < 12 || (blockLen & 3) != 0) {
      fail(pos + 4);
      return -(<i32>STATUS_BAD_RECORD);
    }
    const isPacketBlock = type == BLOCK_EPB || type == BLOCK_SPB || type == BLOCK_PB;
    if (blockLen > MAX_HELD_BLOCK) {
      if (isPacketBlock || type == PCAPNG_SHB || type == BLOCK_IDB) {
        fail(pos + 4);
        return -(<i32>STATUS_BAD_RECORD);
      }
      countSkipped(type);
      skipLeft = <u64>blockLen;
      continue;
    }
    if (avail < blockLen) {
      if (!isFinal) return FRAME_NEED_MORE;
      if (type == PCAPNG_SHB) {
        fail(pos + avail);
        return -(<i32>STATUS_TRUNCATED_HEADER);
      }
      if (isPacketBlock && ifCount > 0) {
        // the last packet block is cut short: count it as a truncated record
        setRecord(p, 0, 0, 0, load<u32>(ifLinkType), 0);
        markTruncated();
        advance(avail);
        return FRAME_RECORD;
      }
      raiseAnomaly(ANOM_PCAPNG_BAD_BLOCK);
      advance(avail);
      return FRAME_NEED_MORE;
    }
    if (type == PCAPNG_SHB) {
      if (blockLen < 28) {
        fail(pos + 4);
        return -(<i32>STATUS_BAD_RECORD);
      }
      const r = readSectionHeader(p, blockLen);
      if (r < 0) return r;
      continue;
    }
    if (type == BLOCK_IDB) {
      if (blockLen < 20) raiseAnomaly(ANOM_PCAPNG_BAD_BLOCK);
      else readInterface(p, blockLen);
      advance(blockLen);
      continue;
    }
    if (type == BLOCK_EPB) {
      if (blockLen < 32) {
        raiseAnomaly(ANOM_PCAPNG_BAD_BLOCK);
        advance(blockLen);
        continue;
      }
      return packetRecord(p, blockLen, ord32(p + 8, swapped), ord32(p + 12, swapped), ord32(p + 16, swapped), ord32(p + 20, swapped), ord32(p + 24, swapped), 28);
    }
    if (type == BLOCK_PB) {
      if (blockLen < 32) {
        raiseAnomaly(ANOM_PCAPNG_BAD_BLOCK);
        advance(blockLen);
        continue;
      }
      return packetRecord(p, blockLen, ord16(p + 8, swapped), ord32(p + 12, swapped), ord32(p + 16, swapped), ord32(p + 20, swapped), ord32(p + 24, swapped), 28);
    }
    if (type == BLOCK_SPB) {
      if (blockLen < 16 || ifCount == 0) {
        raiseAnomaly(blockLen < 16 ? ANOM_PCAPNG_BAD_BLOCK : ANOM_PCAPNG_BAD_INTERFACE);
        advance(blockLen);
        continue;
      }
      const origLen = ord32(p + 8, swapped);
      let cap = min(origLen, blockLen - 16);
      const snap = load<u32>(ifSnapLen);
      if (snap != 0 && cap > snap) cap = snap;
      setRecord(p + 12, cap, origLen, 0, load<u32>(ifLinkType), 0);
      advance(blockLen);
      return FRAME_RECORD;
    }
    countSkipped(type);
    advance(blockLen);
  }
  return FRAME_NEED_MORE;
}

function countSkipped(type: u32): void {
  const known =
    type == BLOCK_NRB ||
    type == BLOCK_ISB ||
    type == BLOCK_DSB ||
    type == BLOCK_SYSTEMD ||
    type == BLOCK_CUSTOM ||
    type == BLOCK_CUSTOM_NOCOPY;
  if (known) addCounter(COUNTER_BLOCKS_SKIPPED, 1);
  else raiseAnomaly(ANOM_PCAPNG_UNKNOWN_BLOCK);
}
