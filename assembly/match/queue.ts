// The candidate queue: (patternId, endOff) pairs the automaton scan reports for one buffer,
// drained by the matcher (match/packet.ts) after the scan, as Snort queues matches and verifies
// rules after the buffer scan. Bounded: matches past QUEUE_CAPACITY in one buffer are dropped and
// counted (a buffer full of a short pattern must not flood the verifier).

export const QUEUE_CAPACITY: u32 = 4096;
const queuePtr: usize = memory.data(<i32>(QUEUE_CAPACITY * 8), 8);
export let queueLen: u32 = 0;
/** Matches dropped because the queue was full (since load). */
export let queueOverflow: u64 = 0;
/** Matches queued (since load; diagnostics: what the rule groups cost the matcher). */
export let queuedTotal: u64 = 0;

export function clearQueue(): void {
  queueLen = 0;
}

export function pushMatch(id: u32, end: u32): void {
  if (queueLen >= QUEUE_CAPACITY) {
    queueOverflow++;
    return;
  }
  queuedTotal++;
  const p = queuePtr + ((<usize>queueLen) << 3);
  store<u32>(p, id);
  store<u32>(p + 4, end);
  queueLen++;
}

export function queueId(i: u32): u32 {
  return load<u32>(queuePtr + ((<usize>i) << 3));
}

export function queueEnd(i: u32): u32 {
  return load<u32>(queuePtr + ((<usize>i) << 3) + 4);
}

export function resetQueueStats(): void {
  queueOverflow = 0;
  queuedTotal = 0;
}
