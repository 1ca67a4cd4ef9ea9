/** Records read or written at once: enough to keep DynamoDB busy without a burst of throttling. */
const CONCURRENCY = 8;

/** `fn` over `items`, a few at a time, the results in the items' order. */
export async function mapLimited<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return out;
}

export const eachLimited = async <T>(items: readonly T[], fn: (item: T) => Promise<void>) => {
  await mapLimited(items, fn);
};
