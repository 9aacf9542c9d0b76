// Byte loads for packet parsing. Network protocols are big-endian; wasm loads are little-endian,
// so multi-byte network fields go through bswap. Callers check lengths before loading: these
// helpers never bounds-check (the hot path cannot afford it twice).

export function be16(ptr: usize): u32 {
  return <u32>bswap<u16>(load<u16>(ptr));
}

export function be32(ptr: usize): u32 {
  return bswap<u32>(load<u32>(ptr));
}

export function u8at(ptr: usize): u32 {
  return <u32>load<u8>(ptr);
}

export function le16(ptr: usize): u32 {
  return <u32>load<u16>(ptr);
}

export function le32(ptr: usize): u32 {
  return load<u32>(ptr);
}

/** Load a u16 in the given byte order (`swapped` = the file's order differs from little-endian). */
export function ord16(ptr: usize, swapped: bool): u32 {
  const v = load<u16>(ptr);
  return <u32>(swapped ? bswap<u16>(v) : v);
}

export function ord32(ptr: usize, swapped: bool): u32 {
  const v = load<u32>(ptr);
  return swapped ? bswap<u32>(v) : v;
}
