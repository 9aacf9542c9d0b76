// The record a framer hands to the pipeline: where the packet bytes are, their lengths, time and
// link type. Filled by frame/pcap.ts, frame/pcapng.ts and frame/batch.ts; read by pipeline.ts.

export let recPtr: usize = 0;
export let recCapLen: u32 = 0;
export let recOrigLen: u32 = 0;
export let recTsNs: u64 = 0;
export let recLinkType: u32 = 0;
export let recIface: u32 = 0;
/** The record's bytes were cut short by the end of the file (a last record cut short). */
export let recTruncated: bool = false;

export function setRecord(ptr: usize, capLen: u32, origLen: u32, tsNs: u64, linkType: u32, iface: u32): void {
  recPtr = ptr;
  recCapLen = capLen;
  recOrigLen = origLen;
  recTsNs = tsNs;
  recLinkType = linkType;
  recIface = iface;
  recTruncated = false;
}

export function markTruncated(): void {
  recTruncated = true;
}
