import type { Redis } from 'ioredis';
import type { StateStore } from './store.js';

/**
 * Shared by every replica: a Slack retry that lands on another replica finds the key the first
 * one claimed. SET NX PX is atomic, so two replicas can never both claim the same event.
 */
export class RedisStateStore implements StateStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'kubetriage:dedupe:',
  ) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}${key}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
  }

  async claimWith(key: string, value: string, ttlMs: number): Promise<string | undefined> {
    // SET NX returns null when the key exists; GET then reads what the first claimer kept
    const claimed = await this.redis.set(`${this.prefix}${key}`, value, 'PX', ttlMs, 'NX');
    if (claimed === 'OK') return undefined;
    return (await this.redis.get(`${this.prefix}${key}`)) ?? '';
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(`${this.prefix}${key}`, value, 'PX', ttlMs);
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const full = `${this.prefix}${key}`;
    // the first increment creates the key with its lifetime (SET NX PX); INCR keeps that lifetime
    const results = (await this.redis.multi().set(full, '0', 'PX', ttlMs, 'NX').incr(full).exec()) ?? [];
    return Number(results[1]?.[1] ?? 0);
  }

  async valueOf(key: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}${key}`)) ?? undefined;
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
