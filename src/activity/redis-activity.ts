import type { Redis } from 'ioredis';
import { type ActivityRecord, type ActivitySink, activitySchema } from './activity-log.js';

export const ACTIVITY_KEY = 'kubetriage:activity';

/** Every replica appends to one Redis list, so feedback from all of them lands in one place. */
export class RedisActivityLog implements ActivitySink {
  constructor(private readonly redis: Redis) {}

  async append(record: ActivityRecord): Promise<void> {
    await this.redis.rpush(ACTIVITY_KEY, JSON.stringify(activitySchema.parse(record)));
  }
}

export async function readRedisActivity(redis: Redis): Promise<{ records: ActivityRecord[]; skipped: number }> {
  const records: ActivityRecord[] = [];
  let skipped = 0;
  for (const line of await redis.lrange(ACTIVITY_KEY, 0, -1)) {
    try {
      const parsed = activitySchema.safeParse(JSON.parse(line));
      if (parsed.success) records.push(parsed.data);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { records, skipped };
}
