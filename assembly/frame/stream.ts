// Which framer reads the current file. `beginFile` resets; the first bytes pick the format
// (pcap magic, pcapng SHB), or the caller declares a netsift batch stream. Several files in one
// run are framed one after another with packet numbers continuing.

import { STATUS_BAD_MAGIC, STATUS_TRUNCATED_HEADER } from '../abi/status';
import { fail, isFinal, base, pos, remaining } from './cursor';
import { nextBatchRecord } from './batch';
import { isPcapMagic, nextPcapRecord, PCAP_FILE_HDR_LEN, readPcapHeader } from './pcap';
import { isPcapngMagic, nextPcapngRecord, resetPcapng } from './pcapng';
import { FRAME_NEED_MORE } from './results';

export const FORMAT_DETECT: u32 = 0;
export const FORMAT_PCAP: u32 = 1;
export const FORMAT_PCAPNG: u32 = 2;
export const FORMAT_BATCH: u32 = 3;

let format: u32 = FORMAT_DETECT;

export function beginFile(declared: u32): void {
  format = declared;
  resetPcapng();
}

export function currentFormat(): u32 {
  return format;
}

function detect(): i32 {
  const avail = remaining();
  if (avail < 4) {
    if (!isFinal) return FRAME_NEED_MORE;
    fail(pos);
    return -(<i32>(avail == 0 ? STATUS_TRUNCATED_HEADER : STATUS_BAD_MAGIC));
  }
  const magic = load<u32>(base + pos);
  if (isPcapngMagic(magic)) {
    format = FORMAT_PCAPNG;
    return 1;
  }
  if (isPcapMagic(magic)) {
    if (avail < PCAP_FILE_HDR_LEN) {
      if (!isFinal) return FRAME_NEED_MORE;
      fail(pos + avail);
      return -(<i32>STATUS_TRUNCATED_HEADER);
    }
    const st = readPcapHeader();
    if (st != 0) return -(<i32>st);
    format = FORMAT_PCAP;
    return 1;
  }
  fail(pos);
  return -(<i32>STATUS_BAD_MAGIC);
}

/** Frame the next record of the current file: FRAME_RECORD, FRAME_NEED_MORE, or -status. */
export function nextRecord(): i32 {
  if (format == FORMAT_DETECT) {
    const r = detect();
    if (r <= 0) return r;
  }
  if (format == FORMAT_PCAP) return nextPcapRecord();
  if (format == FORMAT_PCAPNG) return nextPcapngRecord();
  return nextBatchRecord();
}
