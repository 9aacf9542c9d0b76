// Raw IP link types: LINKTYPE_RAW (101, and the historical DLT values 12 and 14), where the
// version nibble says IPv4 or IPv6; LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229) are fixed.
// No header of its own: this only chooses the next decoder. Anomalies: raw.bad_version.

import { ANOM_RAW_BAD_VERSION } from '../abi/anomalies';
import { u8at } from '../util/bytes';
import { ethertypeKey, KEY_STOP } from './keys';
import { setNext, stop } from './packet';

export function decodeIpByVersion(pkt: usize, off: u32, end: u32): u32 {
  if (end <= off) return stop(ANOM_RAW_BAD_VERSION);
  const version = u8at(pkt + off) >> 4;
  setNext(off, end);
  if (version == 4) return ethertypeKey(0x0800);
  if (version == 6) return ethertypeKey(0x86dd);
  stop(ANOM_RAW_BAD_VERSION);
  return KEY_STOP;
}
