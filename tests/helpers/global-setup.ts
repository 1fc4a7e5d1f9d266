/** Says once, at the start of a run, which real services the tests will use and what is skipped without them. */
export default function setup(): void {
  const lines: string[] = [];
  lines.push(
    process.env.DATABASE_URL
      ? 'storage tests: Postgres from DATABASE_URL (a fresh schema per test file)'
      : 'storage tests: embedded PGlite (DATABASE_URL is not set; tests that need a shared Postgres are skipped)',
  );
  if (!process.env.REDIS_URL) {
    lines.push('REDIS_URL is not set: the BullMQ tests are skipped (set REDIS_URL=redis://127.0.0.1:6379 to run them; CI does)');
  }
  process.stdout.write(lines.map((l) => `lyttepost tests: ${l}\n`).join(''));
}
