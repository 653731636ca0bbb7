import { describe, expect, it } from 'vitest';
import { memoizedReader } from '../../src/cluster/memoized-reader.js';
import { fakeReader } from '../checks/fake-reader.js';

describe('memoizedReader', () => {
  it('asks the cluster once per path, for JSON and text alike', async () => {
    const inner = fakeReader({ '/api/v1/nodes': { items: [] }, '/metrics': 'x 1\n' });
    const reader = memoizedReader(inner);
    await Promise.all([reader.get('/api/v1/nodes'), reader.get('/api/v1/nodes'), reader.getText('/metrics'), reader.getText('/metrics')]);
    expect(await reader.get('/api/v1/nodes')).toMatchObject({ ok: true, value: { kind: 'NodeList', items: [] } });
    expect(inner.asked).toEqual(['/api/v1/nodes', '/metrics']);
  });
});
