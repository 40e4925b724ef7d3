import { describe, expect, it } from 'vitest';
import { mapLimit } from './concurrency';

/** A promise and the means to settle it from outside. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('mapLimit: at most `limit` calls at a time, results in the items’ order', () => {
  it('never runs more than the limit at once, and gives each result in its item’s place', async () => {
    // Prepare: 10 items, each finishing after a delay that makes later ones finish first
    let running = 0;
    let most = 0;
    const fn = async (item: number) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, (10 - item) * 2));
      running--;
      return item * item;
    };
    // Act
    const results = await mapLimit([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3, fn);
    // Assess
    expect(results).toEqual([0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
    expect(most).toBe(3);
  });

  it('starts the next item as soon as one finishes, not a batch at a time', async () => {
    // Prepare: the first item is held; the others finish at once
    const held = deferred<string>();
    const started: number[] = [];
    const run = mapLimit([0, 1, 2, 3], 2, async (item) => {
      started.push(item);
      return item === 0 ? held.promise : `item ${item}`;
    });
    await new Promise((r) => setTimeout(r, 10));
    // Assess: while item 0 is held, items 1, 2 and 3 have run through the other worker
    expect(started).toEqual([0, 1, 2, 3]);
    held.resolve('item 0');
    expect(await run).toEqual(['item 0', 'item 1', 'item 2', 'item 3']);
  });

  it('rejects with the first failure, and starts no item after it', async () => {
    // Prepare
    const started: number[] = [];
    const failure = new Error('the store is down');
    // Act
    const run = mapLimit([0, 1, 2, 3, 4, 5], 1, async (item) => {
      started.push(item);
      if (item === 2) throw failure;
      return item;
    });
    // Assess
    await expect(run).rejects.toBe(failure);
    expect(started).toEqual([0, 1, 2]);
  });

  it('gives nothing for no items, and refuses a limit below 1', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
    await expect(mapLimit([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });
});
