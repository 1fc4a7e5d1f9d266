/**
 * Runs `tasks` with at most `limit` at once, in order of start; rejects with the first failure once the running
 * ones have settled (no task starts after a failure).
 */
export async function inParallel(tasks: ReadonlyArray<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const failures: Error[] = [];
  const lane = async () => {
    while (failures.length === 0 && next < tasks.length) {
      const task = tasks[next++] as () => Promise<void>;
      try {
        await task();
      } catch (err) {
        failures.push(err instanceof Error ? err : new Error(`task failed: ${String(err)}`));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), tasks.length) }, lane));
  if (failures[0]) throw failures[0];
}
