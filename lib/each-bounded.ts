// Bounded parallelism over a list: the reconciler's applies, the outbox relay's POSTs, a benchmark's API calls.

/** Runs `fn` over `items`, at most `limit` at a time (each lane takes the next item when it is done). */
export async function eachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}
