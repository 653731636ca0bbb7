import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../src/state/store.js';

describe('MemoryStateStore.claimWith', () => {
  it('the first caller claims (undefined), the next ones get its value, until the key expires', async () => {
    let now = 1_000;
    const store = new MemoryStateStore(() => now);
    expect(await store.claimWith('answer:C1:fp', '1700000000.000901', 60_000)).toBeUndefined();
    expect(await store.claimWith('answer:C1:fp', '1700000000.000902', 60_000)).toBe('1700000000.000901');
    expect(await store.valueOf('answer:C1:fp')).toBe('1700000000.000901');
    now += 60_001;
    expect(await store.valueOf('answer:C1:fp')).toBeUndefined();
    expect(await store.claimWith('answer:C1:fp', '1700000000.000903', 60_000)).toBeUndefined();
  });
});

describe('MemoryStateStore.increment', () => {
  it('counts from one, and starts again once the counter expired', async () => {
    let now = 0;
    const store = new MemoryStateStore(() => now);
    expect([await store.increment('thread:C1:1:count', 1000), await store.increment('thread:C1:1:count', 1000)]).toEqual([1, 2]);
    now += 1001;
    expect(await store.increment('thread:C1:1:count', 1000)).toBe(1);
  });
});
