/**
 * `mapLimit(items, limit, fn)`: `fn` over every item, at most `limit` at a time, the results in the items'
 * order; the first rejection rejects the whole (the calls already started run on, and no new one starts).
 *
 * Written here, not taken from a library: p-map does this and more (iterables, AbortSignal, stopping on
 * error), but it is not among the project's dependencies, and these few lines are all the API uses (a police
 * batch's openings, each reading its child's cases, and their executions' starts).
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number from 1, not ${limit}`);
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
