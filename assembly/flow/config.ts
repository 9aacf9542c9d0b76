// The engine config block (abi/layout.ts CFG_*): defaults, and applying it, which carves the
// configured regions (flow table, stream states + reassembly page pool, defrag trackers) once
// before the first chunk. CFG_DEFRAG_MAX = 0 turns defragmentation off.

import {
  CFG_DEFRAG_MAX,
  CFG_DEFRAG_TIMEOUT_S,
  CFG_FLOW_MAX,
  CFG_ICMP_EST_S,
  CFG_ICMP_NEW_S,
  CFG_MIDSTREAM,
  CFG_TLS_ENCRYPTION,
  CFG_OTHER_EST_S,
  CFG_OTHER_NEW_S,
  CFG_REASM_DEPTH,
  CFG_REASM_MEMCAP_PAGES,
  CFG_REASM_POLICY,
  CFG_TCP_CLOSED_S,
  CFG_TCP_EST_S,
  CFG_TCP_NEW_S,
  CFG_UDP_EST_S,
  CFG_UDP_NEW_S,
  CFG_WORDS,
} from '../abi/layout';
import { alignUp, carveConfigured, configPtr } from '../mem/regions';
import { configureReassembly, poolBytesFor } from '../reassemble/stream';
import { defragBytesFor, initTrackers } from '../defrag/tracker';
import { resetExpiry, setTimeouts } from './expire';
import { initTable, tableBytesFor } from './table';

export const DEFAULT_FLOW_MAX: u32 = 65536;
export const DEFAULT_REASM_DEPTH: u32 = 1 << 20;
export const DEFAULT_REASM_MEMCAP_PAGES: u32 = 16384; // × 2 KiB pages = 32 MiB
export const DEFAULT_DEFRAG_MAX: u32 = 64; // × ~66 KiB trackers = 4.2 MiB

export function cfg(i: u32): u32 {
  return load<u32>(configPtr + ((<usize>i) << 2));
}

function setCfg(i: u32, v: u32): void {
  store<u32>(configPtr + ((<usize>i) << 2), v);
}

export function defaultConfig(): void {
  memory.fill(configPtr, 0, <usize>(CFG_WORDS * 4));
  setCfg(CFG_FLOW_MAX, DEFAULT_FLOW_MAX);
  setCfg(CFG_TCP_NEW_S, 60);
  setCfg(CFG_TCP_EST_S, 600);
  setCfg(CFG_TCP_CLOSED_S, 60);
  setCfg(CFG_UDP_NEW_S, 30);
  setCfg(CFG_UDP_EST_S, 300);
  setCfg(CFG_ICMP_NEW_S, 30);
  setCfg(CFG_ICMP_EST_S, 300);
  setCfg(CFG_OTHER_NEW_S, 30);
  setCfg(CFG_OTHER_EST_S, 300);
  setCfg(CFG_REASM_DEPTH, DEFAULT_REASM_DEPTH);
  setCfg(CFG_REASM_MEMCAP_PAGES, DEFAULT_REASM_MEMCAP_PAGES);
  setCfg(CFG_REASM_POLICY, 0);
  setCfg(CFG_DEFRAG_MAX, DEFAULT_DEFRAG_MAX);
  setCfg(CFG_DEFRAG_TIMEOUT_S, 60);
  setCfg(CFG_MIDSTREAM, 1);
  setCfg(CFG_TLS_ENCRYPTION, 0);
}

/** False until the first applyConfig: the configured area is then fresh (zero) memory. */
let applied = false;

/** Apply the config block: carve and clear the flow table and page pool, set timeouts. */
export function applyConfig(): void {
  const maxFlows = max<u32>(cfg(CFG_FLOW_MAX), 1);
  const tableBytes = tableBytesFor(maxFlows);
  const pages = cfg(CFG_REASM_MEMCAP_PAGES);
  const poolBytes = poolBytesFor(pages, maxFlows);
  const trackers = cfg(CFG_DEFRAG_MAX);
  const base = carveConfigured(tableBytes, alignUp(poolBytes, 64) + defragBytesFor(trackers));
  initTable(base, maxFlows, !applied);
  applied = true;
  const reasmPtr = alignUp(base + tableBytes, 64);
  configureReassembly(reasmPtr, pages, maxFlows, cfg(CFG_REASM_DEPTH), cfg(CFG_REASM_POLICY));
  initTrackers(alignUp(reasmPtr + poolBytes, 64), trackers, cfg(CFG_DEFRAG_TIMEOUT_S));
  setTimeouts(
    cfg(CFG_TCP_NEW_S),
    cfg(CFG_TCP_EST_S),
    cfg(CFG_TCP_CLOSED_S),
    cfg(CFG_UDP_NEW_S),
    cfg(CFG_UDP_EST_S),
    cfg(CFG_ICMP_NEW_S),
    cfg(CFG_ICMP_EST_S),
    cfg(CFG_OTHER_NEW_S),
    cfg(CFG_OTHER_EST_S),
  );
  resetExpiry();
}
