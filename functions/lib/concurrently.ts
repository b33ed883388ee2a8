/**
 * Runs `task` for every item, at most `limit` at a time, in order of the items: the jobs and
 * seeding work through 98 kommuner or thousands of items without one request at a time, and
 * without all at once.
 */
export const forEachConcurrently = async <T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> => {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};
