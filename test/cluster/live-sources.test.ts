import { afterEach, describe, expect, it } from 'vitest';
import { readEvents } from '../../src/cluster/events.js';
import { readContainerLog } from '../../src/cluster/pod-logs.js';
import { fakeReader } from '../checks/fake-reader.js';
import { linesAt, podLogs } from '../fakes/pod-log.js';
import { coreEvent, type EventSpec, minutesAgo, v1Event } from '../fixtures/live-cluster.js';
import { type FakeApiServer, readerOf, startFakeApiServer } from './fake-apiserver.js';

const LOG = '/api/v1/namespaces/kube-system/pods/coredns-5d78c9869d-4vq8m/log';
const QUERY = { container: 'coredns', tailLines: 500, sinceSeconds: 3600, limitBytes: 256 * 1024 };
const list = (items: unknown[], apiVersion = 'v1') => ({ kind: 'EventList', apiVersion, metadata: { resourceVersion: '1' }, items });

const SPEC: EventSpec = {
  namespace: 'demo',
  kind: 'Pod',
  name: 'web-1',
  reason: 'FailedMount',
  message: 'MountVolume.SetUp failed for volume "config" : configmap "web-config" not found',
  count: 4,
  host: 'worker-1',
};

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('container logs', () => {
  const logs = podLogs('coredns-5d78c9869d-4vq8m', {
    coredns: {
      current: linesAt([
        '[INFO] plugin/reload: Running configuration SHA512 = 591cf3',
        '[FATAL] plugin/loop: Loop (127.0.0.1:45734 -> :53) detected for zone "."',
      ]),
      previous: linesAt(['[INFO] previous run'], Date.now(), 600),
    },
  });

  it('asks for one container, bounded by lines, age and bytes, with timestamps, and splits them off', async () => {
    const reader = fakeReader({ [LOG]: logs });
    const result = await readContainerLog(reader, 'kube-system', 'coredns-5d78c9869d-4vq8m', QUERY);
    expect(reader.asked).toEqual([`${LOG}?container=coredns&tailLines=500&sinceSeconds=3600&limitBytes=262144&timestamps=true`]);
    expect(result).toMatchObject({ ok: true, value: { truncated: false } });
    if (!result.ok) return;
    expect(result.value.lines).toEqual([
      '[INFO] plugin/reload: Running configuration SHA512 = 591cf3',
      '[FATAL] plugin/loop: Loop (127.0.0.1:45734 -> :53) detected for zone "."',
    ]);
    expect(result.value.times.every((t) => t !== undefined && !Number.isNaN(Date.parse(t)))).toBe(true);
  });

  it('reads the previous run when asked, and says when there is none (the server answers 400)', async () => {
    const reader = fakeReader({ [LOG]: logs });
    const previous = await readContainerLog(reader, 'kube-system', 'coredns-5d78c9869d-4vq8m', { ...QUERY, previous: true });
    expect(previous.ok && previous.value.lines).toEqual(['[INFO] previous run']);
    const none = podLogs('x', { coredns: { current: [] } });
    const missing = await readContainerLog(fakeReader({ [LOG]: none }), 'kube-system', 'coredns-5d78c9869d-4vq8m', {
      ...QUERY,
      previous: true,
    });
    expect(missing).toMatchObject({ ok: false, status: 400 });
  });

  it('keeps at most limitBytes even from a server that ignores the query, over real HTTPS, and says it was cut', async () => {
    // a proxy that drops the query: 3 MB of log for a 64 KB limit
    server = await startFakeApiServer({ [LOG]: { hugeBytes: 3 * 1024 * 1024 } });
    const reader = await readerOf(server);
    const result = await readContainerLog(reader, 'kube-system', 'coredns-5d78c9869d-4vq8m', { ...QUERY, limitBytes: 64 * 1024 });
    expect(result).toMatchObject({ ok: true, value: { truncated: true, bytes: 64 * 1024 } });
  });
});

describe('events through both APIs', () => {
  it('reads events.k8s.io/v1 and maps regarding, note, deprecated counts and the reporting node', async () => {
    const reader = fakeReader({
      '/apis/events.k8s.io/v1/events': list([v1Event(SPEC)], 'events.k8s.io/v1'),
      '/api/v1/events': list([coreEvent(SPEC)]),
    });
    const result = await readEvents(reader, { type: 'Warning', reason: 'FailedMount', max: 100 });
    expect(reader.asked).toEqual(['/apis/events.k8s.io/v1/events?fieldSelector=type%3DWarning%2Creason%3DFailedMount&limit=100']);
    expect(result).toMatchObject({
      ok: true,
      value: {
        api: 'events.k8s.io/v1',
        truncated: false,
        events: [{ reason: 'FailedMount', count: 4, host: 'worker-1', object: { kind: 'Pod', name: 'web-1', namespace: 'demo' } }],
      },
    });
  });

  it('falls back to core/v1 where events.k8s.io is not served, with the same event in the same shape', async () => {
    const reader = fakeReader({ '/api/v1/events': list([coreEvent(SPEC)]) });
    const result = await readEvents(reader, { kind: 'Pod', max: 100 });
    expect(reader.asked.at(-1)).toBe('/api/v1/events?fieldSelector=involvedObject.kind%3DPod&limit=100');
    const both = await readEvents(fakeReader({ '/apis/events.k8s.io/v1/events': list([v1Event(SPEC)], 'events.k8s.io/v1') }), { max: 100 });
    expect(result.ok && result.value.api).toBe('v1');
    expect(result.ok && result.value.events).toEqual(both.ok && both.value.events);
  });

  it('pages with limit and continue, and stops at max saying the rest was not read', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => coreEvent({ ...SPEC, name: `web-${i}`, first: minutesAgo(30) }, i));
    const reader = fakeReader({ '/api/v1/events': list(many) });
    const result = await readEvents(reader, { max: 1100 });
    expect(result.ok && result.value.events.length).toBe(1100);
    expect(result.ok && result.value.truncated).toBe(true);
    expect(reader.asked.filter((p) => p.startsWith('/api/v1/events')).length).toBe(3);
  });

  it('a 403 on both says so for both APIs', async () => {
    const forbidden = { fail: 'forbidden' as const, message: 'events is forbidden' };
    const result = await readEvents(fakeReader({ '/apis/events.k8s.io/v1/events': forbidden, '/api/v1/events': forbidden }), { max: 10 });
    expect(result).toMatchObject({
      ok: false,
      failure: 'forbidden',
      message: 'events is forbidden (events.k8s.io/v1: events is forbidden)',
    });
  });
});
