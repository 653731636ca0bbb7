/**
 * npm run bench (second part): `scan` of a fake cluster of 200 pods and 2,000 Warning events,
 * served over loopback HTTPS in the API server's shapes, against reading the same objects and
 * logs alone (collectUnits, no matching) in the same run; plus the live heap it adds.
 */
import { ClusterRegistry } from '../src/cluster/registry.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/knowledge/default-dir.js';
import { SCAN_NAMESPACES } from '../src/scan/namespaces.js';
import { scanCluster } from '../src/scan/scan.js';
import { collectUnits } from '../src/scan/units.js';
import { loadCatalog } from '../src/triage/catalog.js';
import { startFakeApiServer } from '../test/cluster/fake-apiserver.js';
import { linesAt } from '../test/fakes/pod-log.js';
import { cluster, type EventSpec, node, pod } from '../test/fixtures/live-cluster.js';

const PODS = 200;
const EVENTS = 2000;
const NODES = 20;
const WORKLOADS = 20;

const nodes = Array.from({ length: NODES }, (_, i) => node(`node-${i}`, i < 3 ? ['control-plane'] : ['worker']));
const pods = Array.from({ length: PODS }, (_, i) =>
  pod({
    namespace: 'kube-system',
    name: `agent-${i % WORKLOADS}-${String(i).padStart(5, '0')}`,
    node: `node-${i % NODES}`,
    owner: { kind: 'DaemonSet', name: `agent-${i % WORKLOADS}` },
    containers: ['agent', 'sidecar'],
  }),
);
// ordinary INFO chatter, with one known error in one workload's logs
const chatter = Array.from(
  { length: 400 },
  (_, k) => `I1201 09:${String(k % 60).padStart(2, '0')}:00.000000       1 controller.go:${100 + k}] synced ${k} objects in 3ms`,
);
const logs = Object.fromEntries(
  pods.map((p, i) => [
    `kube-system/${p.metadata.name}`,
    {
      agent: {
        current: linesAt(
          i % WORKLOADS === 7 ? [...chatter, '[FATAL] plugin/loop: Loop (127.0.0.1:45734 -> :53) detected for zone "."'] : chatter,
        ),
      },
      sidecar: { current: linesAt(chatter.slice(0, 100)) },
    },
  ]),
);
const reasons = ['BackOff', 'Unhealthy', 'FailedScheduling', 'FailedMount', 'FailedCreatePodSandBox'];
const events: EventSpec[] = Array.from({ length: EVENTS }, (_, i) => ({
  namespace: `team-${i % 40}`,
  kind: 'Pod',
  name: `web-${i}`,
  reason: reasons[i % reasons.length] as string,
  message:
    i % 5 === 2
      ? '0/20 nodes are available: 20 Insufficient cpu. preemption: 0/20 nodes are available: 20 No preemption victims found for incoming pod.'
      : i % 5 === 1
        ? `Readiness probe failed: Get "http://10.1.${i % 250}.7:8080/healthz": dial tcp 10.1.${i % 250}.7:8080: connect: connection refused`
        : `Back-off restarting failed container app in pod web-${i}_team-${i % 40}`,
  count: 1 + (i % 7),
}));
const routes = cluster({ nodes, pods, events, logs });
const server = await startFakeApiServer(Object.fromEntries(Object.entries(routes).map(([path, body]) => [path, { body }])));
const registry = ClusterRegistry.load({
  kubeconfigPaths: [await server.kubeconfig({ context: 'bench' })],
  allowed: [],
  channelClusters: {},
  requestTimeoutMs: 10_000,
  allowExecAuth: false,
});
const reader = registry.reader('bench');
if (!reader) throw new Error('no reader');
const kb = await loadCatalog(BUNDLED_KNOWLEDGE_DIR);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const readOnly: number[] = [];
const scans: number[] = [];
let findings = 0;
let logsRead = 0;
for (let run = 0; run < 5; run++) {
  let t = performance.now();
  const collected = await collectUnits(reader, SCAN_NAMESPACES, AbortSignal.timeout(30_000));
  readOnly.push(performance.now() - t);
  logsRead = collected.read.logs;
  t = performance.now();
  const report = await scanCluster(reader, kb, { budgetMs: 30_000 });
  scans.push(performance.now() - t);
  findings = report.findings.length;
}
globalThis.gc?.();
const before = process.memoryUsage().heapUsed;
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}, 5);
await scanCluster(reader, kb, { budgetMs: 30_000 });
clearInterval(sampler);
await server.close();

const s = median(scans);
const r = median(readOnly);
console.log(`\n| scan of ${PODS} pods, ${EVENTS} events, ${NODES} nodes (loopback HTTPS) | median of 5 |`);
console.log('|---|---|');
console.log(`| reading the same objects and ${logsRead} logs alone | ${(r / 1000).toFixed(2)} s |`);
console.log(`| scan (read + match + gather) | ${(s / 1000).toFixed(2)} s |`);
console.log(`| scan / read alone | ${(s / r).toFixed(2)}× |`);
console.log(`| heap growth during one scan (sampled) | ${((peak - before) / 1e6).toFixed(1)} MB |`);
console.log(`| findings | ${findings} |`);
