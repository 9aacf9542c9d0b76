// The shared numeric value grammar (src/rules/values/range.ts matchRange): a range operand is
// RANGE_* code, value f64, max f64 (`a-b` is exclusive at both ends).

export function rangeOk(p: usize, x: f64): bool {
  const v = load<f64>(p + 4);
  switch (load<u32>(p)) {
    case 0:
      return x == v;
    case 1:
      return x != v;
    case 2:
      return x < v;
    case 3:
      return x > v;
    case 4:
      return x <= v;
    case 5:
      return x >= v;
    case 6:
      return x > v && x < load<f64>(p + 12);
  }
  return false;
}
