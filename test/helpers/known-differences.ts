/**
 * The check every oracle comparison ends with: the differences found are exactly those listed
 * (by key prefix, `key: ...`), and every listed one still occurs, so the list cannot rot.
 */
import { expect } from 'vitest';

export function expectOnlyKnownDifferences(diffs: readonly string[], known: readonly string[]): void {
  const unexplained = diffs.filter((d) => !known.some((k) => d.startsWith(`${k}:`)));
  expect(unexplained).toEqual([]);
  for (const k of known) {
    expect(
      diffs.some((d) => d.startsWith(`${k}:`)),
      `listed difference ${k} still occurs`,
    ).toBe(true);
  }
}
