// The region map: carved once in init() after the module's static data, never moved.
// The hot path never allocates: every buffer the engine uses is here or in a module's static
// `memory.data`.
//
//   [ static data | input (INPUT_CAPACITY) | packet records (PACKET_RECORD_CAPACITY × size) ]

import { INPUT_CAPACITY, PACKET_RECORD_CAPACITY, PACKET_RECORD_SIZE } from '../abi/layout';

export let inputPtr: usize = 0;
export let packetRegionPtr: usize = 0;
let carved: bool = false;

function align(p: usize, a: usize): usize {
  return (p + a - 1) & ~(a - 1);
}

/** Carve the regions and grow memory to hold them. Idempotent. */
export function carveRegions(): void {
  if (carved) return;
  let p = align(__heap_base, 64);
  inputPtr = p;
  p = align(p + INPUT_CAPACITY + 64, 64);
  packetRegionPtr = p;
  p = align(p + <usize>(PACKET_RECORD_CAPACITY * PACKET_RECORD_SIZE), 64);
  const needPages = <i32>((p + 0xffff) >> 16);
  const have = memory.size();
  if (needPages > have) {
    if (memory.grow(needPages - have) < 0) abort('cannot grow memory for regions');
  }
  carved = true;
}
