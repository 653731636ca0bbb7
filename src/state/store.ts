/**
 * State that must survive Slack retries: "has this event / message / paste been answered?".
 * One small interface so several replicas can share a store (Redis) while one replica needs
 * nothing installed (in-process).
 */
export interface StateStore {
  /** Sets the key for ttlMs if it was absent; true when this caller claimed it. Atomic. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /**
   * The same claim, keeping a value with it (the thread a paste was answered in): undefined when
   * this caller claimed the key, else the value the first caller kept. Atomic.
   */
  claimWith(key: string, value: string, ttlMs: number): Promise<string | undefined>;
  /** The value kept with a live claim, or undefined. */
  valueOf(key: string): Promise<string | undefined>;
  /** Sets (or replaces) a value for ttlMs. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Adds one to a counter that lives ttlMs from its first increment; the new value. Atomic. */
  increment(key: string, ttlMs: number): Promise<number>;
  close(): Promise<void>;
}

/** One process's store: entries expire by time and the map is pruned as it grows. */
export class MemoryStateStore implements StateStore {
  private readonly expiries = new Map<string, number>();
  private readonly values = new Map<string, string>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 50_000,
  ) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const expiry = this.expiries.get(key);
    if (expiry !== undefined && expiry > now) return false;
    if (this.expiries.size >= this.maxEntries) this.prune(now);
    this.expiries.set(key, now + ttlMs);
    return true;
  }

  async claimWith(key: string, value: string, ttlMs: number): Promise<string | undefined> {
    if (await this.claim(key, ttlMs)) {
      this.values.set(key, value);
      return undefined;
    }
    return this.values.get(key) ?? '';
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const now = this.now();
    if (this.expiries.size >= this.maxEntries) this.prune(now);
    this.expiries.set(key, now + ttlMs);
    this.values.set(key, value);
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const now = this.now();
    const live = (this.expiries.get(key) ?? 0) > now;
    const next = (live ? Number(this.values.get(key) ?? '0') : 0) + 1;
    if (!live) {
      if (this.expiries.size >= this.maxEntries) this.prune(now);
      this.expiries.set(key, now + ttlMs);
    }
    this.values.set(key, String(next));
    return next;
  }

  async valueOf(key: string): Promise<string | undefined> {
    const expiry = this.expiries.get(key);
    return expiry !== undefined && expiry > this.now() ? this.values.get(key) : undefined;
  }

  async close(): Promise<void> {
    this.expiries.clear();
    this.values.clear();
  }

  private prune(now: number): void {
    for (const [key, expiry] of this.expiries)
      if (expiry <= now) {
        this.expiries.delete(key);
        this.values.delete(key);
      }
    // Still full of live keys: drop the oldest insertions rather than grow without bound.
    for (const key of this.expiries.keys()) {
      if (this.expiries.size < this.maxEntries) break;
      this.expiries.delete(key);
      this.values.delete(key);
    }
  }
}
