import type { ConnectionOptions } from 'bullmq';

/** BullMQ connection options from REDIS_URL. `maxRetriesPerRequest: null` is what BullMQ workers require. */
export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(Number.isInteger(db) && db > 0 ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    // Reconnect forever with a capped delay: a Redis restart must not kill workers.
    retryStrategy: (times: number) => Math.min(times * 200, 5_000),
  };
}
