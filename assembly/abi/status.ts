// Status codes returned by `processChunk`. Mirrored in src/wasm/layout.ts (checked by test).
// A non-OK status other than OUTPUT_FULL is fatal for the current file; `errorOffset()` then
// gives the byte offset in the chunk where framing stopped.

export const STATUS_OK: u32 = 0;
/** An output region is full: drain the records, then call again with the unconsumed bytes. */
export const STATUS_OUTPUT_FULL: u32 = 1;
/** The file does not start with a pcap, pcapng or netsift batch magic. */
export const STATUS_BAD_MAGIC: u32 = 2;
/** A pcap/pcapng version this engine does not read. */
export const STATUS_BAD_VERSION: u32 = 3;
/** The file ended inside its file header (FINAL chunk). */
export const STATUS_TRUNCATED_HEADER: u32 = 4;
/** A record or block header is corrupt beyond resynchronisation (absurd length). */
export const STATUS_BAD_RECORD: u32 = 5;
