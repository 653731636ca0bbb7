import type { Redis } from 'ioredis';
import { type ActivityRecord, type ActivitySink, activitySchema, parseActivityLines } from './activity-log.js';

export const ACTIVITY_KEY = 'kubetriage:activity';

/** Every replica appends to one Redis list, so feedback from all of them lands in one place. */
export class RedisActivityLog implements ActivitySink {
  constructor(private readonly redis: Redis) {}

  async append(record: ActivityRecord): Promise<void> {
    await this.redis.rpush(ACTIVITY_KEY, JSON.stringify(activitySchema.parse(record)));
  }
}

export async function readRedisActivity(redis: Redis): Promise<{ records: ActivityRecord[]; skipped: number }> {
  return parseActivityLines(await redis.lrange(ACTIVITY_KEY, 0, -1));
}
