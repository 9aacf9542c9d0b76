// Classic libpcap files (https://www.tcpdump.org/manpages/pcap-savefile.5.txt,
// draft-ietf-opsawg-pcap).
//
//   file header (24): magic · version major/minor (u16 each) · thiszone · sigfigs · snaplen · linktype
//   record header (16): ts_sec · ts_usec or ts_nsec · incl_len · orig_len, then incl_len bytes
//
// Magics: 0xa1b2c3d4 (µs) and 0xa1b23c4d (ns), either byte order; 0xa1b2cd34 is Alexey
// Kuznetsov's patched format with 8 more bytes per record header (ifindex, protocol, pkt_type).
// The link type's upper bits may carry an FCS length (bit 26 set, bits 28-31): masked off.
// A record longer than MAX_CAPLEN is a corrupt file (STATUS_BAD_RECORD): nothing can resync.

import { MAX_CAPLEN } from '../abi/layout';
import { STATUS_BAD_RECORD, STATUS_BAD_VERSION } from '../abi/status';
import { ord16, ord32 } from '../util/bytes';
import { advance, base, fail, isFinal, pos, remaining } from './cursor';
import { markTruncated, setRecord } from './record';
import { FRAME_NEED_MORE, FRAME_RECORD } from './results';

export const PCAP_MAGIC_USEC: u32 = 0xa1b2c3d4;
export const PCAP_MAGIC_NSEC: u32 = 0xa1b23c4d;
export const PCAP_MAGIC_KUZNETSOV: u32 = 0xa1b2cd34;
export const PCAP_FILE_HDR_LEN: u32 = 24;
const PCAP_REC_HDR_LEN: u32 = 16;

let swapped: bool = false;
let nanos: bool = false;
let recHdrLen: u32 = PCAP_REC_HDR_LEN;
let linkType: u32 = 0;

/** True when `magic` (read little-endian) starts a classic pcap file in either byte order. */
export function isPcapMagic(magic: u32): bool {
  const s = bswap<u32>(magic);
  return (
    magic == PCAP_MAGIC_USEC ||
    magic == PCAP_MAGIC_NSEC ||
    magic == PCAP_MAGIC_KUZNETSOV ||
    s == PCAP_MAGIC_USEC ||
    s == PCAP_MAGIC_NSEC ||
    s == PCAP_MAGIC_KUZNETSOV
  );
}

/** Parse the file header at the cursor (24 bytes are known to be there). Returns a status. */
export function readPcapHeader(): u32 {
  const p = base + pos;
  let magic = load<u32>(p);
  swapped = !(magic == PCAP_MAGIC_USEC || magic == PCAP_MAGIC_NSEC || magic == PCAP_MAGIC_KUZNETSOV);
  if (swapped) magic = bswap<u32>(magic);
  nanos = magic == PCAP_MAGIC_NSEC;
  recHdrLen = magic == PCAP_MAGIC_KUZNETSOV ? PCAP_REC_HDR_LEN + 8 : PCAP_REC_HDR_LEN;
  const major = ord16(p + 4, swapped);
  if (major != 2) {
    fail(pos + 4);
    return STATUS_BAD_VERSION;
  }
  linkType = ord32(p + 20, swapped) & 0x03ffffff;
  if ((linkType & 0x02000000) != 0) linkType &= 0xffff;
  advance(PCAP_FILE_HDR_LEN);
  return 0;
}

/** The file is in the other byte order (big-endian): the --bpf filter reads DLT_NULL families in file order. */
export function pcapSwapped(): bool {
  return swapped;
}

export function pcapLinkType(): u32 {
  return linkType;
}

/** Frame the next record. Returns FRAME_RECORD, FRAME_NEED_MORE, or a negated status. */
export function nextPcapRecord(): i32 {
  const avail = remaining();
  if (avail == 0) return FRAME_NEED_MORE;
  const p = base + pos;
  if (avail < recHdrLen) {
    if (!isFinal) return FRAME_NEED_MORE;
    // the file ends inside a record header: a last record cut short, with no bytes to show
    setRecord(p, 0, 0, 0, linkType, 0);
    markTruncated();
    advance(avail);
    return FRAME_RECORD;
  }
  const sec = <u64>ord32(p, swapped);
  const frac = <u64>ord32(p + 4, swapped);
  const capLen = ord32(p + 8, swapped);
  const origLen = ord32(p + 12, swapped);
  if (capLen > MAX_CAPLEN) {
    fail(pos + 8);
    return -(<i32>STATUS_BAD_RECORD);
  }
  const tsNs = sec * 1_000_000_000 + (nanos ? frac : frac * 1000);
  const total = recHdrLen + capLen;
  if (avail < total) {
    if (!isFinal) return FRAME_NEED_MORE;
    setRecord(p + recHdrLen, avail - recHdrLen, origLen, tsNs, linkType, 0);
    markTruncated();
    advance(avail);
    return FRAME_RECORD;
  }
  setRecord(p + recHdrLen, capLen, origLen, tsNs, linkType, 0);
  advance(total);
  return FRAME_RECORD;
}
