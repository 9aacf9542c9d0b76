// TCP reassembly per flow direction (placeholder until the reassembly stage lands).
import { setEmitStreamInfo } from '../emit/flows';

/** Release the stream state of the flow in slot `s` (before its record is emitted). */
export function releaseFlowStreams(s: usize): void {
  setEmitStreamInfo(0, 0, 0);
}

export function poolBytesFor(pages: u32, maxFlows: u32): usize {
  return 0;
}

export function configureReassembly(ptr: usize, pages: u32, maxFlows: u32, depth: u32, policy: u32): void {}

export function reassemblePacket(slot: usize, pkt: usize): void {}
