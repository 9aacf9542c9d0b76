// The Merkle-Damgård framing MD5, SHA-1 and SHA-256 share: feed the input in 64-byte blocks to the
// hash's compression function, then the 0x80 byte, zero padding and the bit length in the last
// 8 bytes (little-endian for MD5, big-endian for SHA-1 and SHA-256), in one or two final blocks.

const blockPtr: usize = memory.data(64, 8);

export function mdBlocks(
  ptr: usize,
  len: u32,
  compress: (block: usize) => void,
  bigEndianLength: bool,
): void {
  let off: u32 = 0;
  while (len - off >= 64) {
    memory.copy(blockPtr, ptr + <usize>off, 64);
    compress(blockPtr);
    off += 64;
  }
  const rest = len - off;
  memory.fill(blockPtr, 0, 64);
  memory.copy(blockPtr, ptr + <usize>off, rest);
  store<u8>(blockPtr + <usize>rest, 0x80);
  if (rest >= 56) {
    compress(blockPtr);
    memory.fill(blockPtr, 0, 64);
  }
  const bits = (<u64>len) << 3;
  store<u64>(blockPtr + 56, bigEndianLength ? bswap<u64>(bits) : bits);
  compress(blockPtr);
}
