import { describe, expect, it } from 'vitest';
import * as fx from '../fixtures/cluster-objects.js';
import { shippedKnowledge, verifyShipped } from '../helpers/kb.js';
import { type Answer, fakeReader } from './fake-reader.js';

const nodeWithInfo = (name: string, ready: 'True' | 'False' | 'Unknown', kubelet: string, runtime: string, message?: string) => ({
  ...fx.node(name, ready, message),
  status: { ...fx.node(name, ready, message).status, nodeInfo: { kubeletVersion: kubelet, containerRuntimeVersion: runtime } },
});
const calico = (state: 'crashing' | 'running') => ({
  metadata: { name: 'calico-node-7xk2p', namespace: 'kube-system', labels: { 'k8s-app': 'calico-node' } },
  spec: { containers: [{ name: 'calico-node' }] },
  status: {
    containerStatuses: [
      state === 'crashing'
        ? { name: 'calico-node', ready: false, restartCount: 12, state: { waiting: { reason: 'CrashLoopBackOff' } } }
        : { name: 'calico-node', ready: true, restartCount: 0, state: { running: {} } },
    ],
  },
});
const flannel = (message?: string) => ({
  metadata: { name: 'kube-flannel-ds-8fz2q', namespace: 'kube-flannel', labels: { app: 'flannel' } },
  spec: { containers: [{ name: 'kube-flannel' }] },
  status: {
    containerStatuses: [
      message
        ? {
            name: 'kube-flannel',
            ready: false,
            restartCount: 5,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', message } },
          }
        : { name: 'kube-flannel', ready: true, state: { running: {} } },
    ],
  },
});

// Data is keyed by path; the fake applies the selectors the checks send, so the pods and events carry real labels and reasons.
const NODES = '/api/v1/nodes';
const SANDBOX = '/api/v1/events';
const CALICO = '/api/v1/namespaces/kube-system/pods';
const FLANNEL = '/api/v1/namespaces/kube-flannel/pods';

const CASES: Array<[string, Record<string, Answer>, Record<string, Answer>]> = [
  [
    'cni-plugin-not-initialized',
    {
      [NODES]: fx.list([
        fx.node(
          'worker-1',
          'False',
          'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
        ),
      ]),
    },
    { [NODES]: fx.list([fx.node('worker-1', 'True')]) },
  ],
  [
    'calico-node-not-running-nodename-missing',
    {
      [SANDBOX]: fx.list([
        fx.sandboxEvent(
          'Failed to create pod sandbox: plugin type="calico" failed (add): stat /var/lib/calico/nodename: no such file or directory: check that the calico/node container is running and has mounted /var/lib/calico/',
        ),
      ]),
      [CALICO]: fx.list([calico('crashing')]),
    },
    { [SANDBOX]: fx.list([]), [CALICO]: fx.list([calico('running')]) },
  ],
  [
    'flannel-podcidr-missing-subnet-env',
    { [FLANNEL]: fx.list([flannel('Error registering network: failed to acquire lease: node "worker-1" pod cidr not assigned')]) },
    { [FLANNEL]: fx.list([flannel()]) },
  ],
  [
    'kubelet-client-cert-expired',
    { [NODES]: fx.list([fx.node('worker-2', 'Unknown', 'Kubelet stopped posting node status.')]) },
    { [NODES]: fx.list([fx.node('worker-2', 'True')]) },
  ],
  [
    'runtime-lacks-cri-v1-api',
    { [NODES]: fx.list([nodeWithInfo('worker-3', 'Unknown', 'v1.26.0', 'containerd://1.5.9', 'Kubelet stopped posting node status.')]) },
    { [NODES]: fx.list([nodeWithInfo('worker-3', 'True', 'v1.26.0', 'containerd://1.6.20')]) },
  ],
  [
    'dockershim-removed-1-24',
    { [NODES]: fx.list([nodeWithInfo('worker-4', 'Unknown', 'v1.24.3', 'docker://20.10.17', 'Kubelet stopped posting node status.')]) },
    // cri-dockerd also reports docker://, but the node is Ready
    { [NODES]: fx.list([nodeWithInfo('worker-4', 'True', 'v1.24.3', 'docker://20.10.17')]) },
  ],
];

describe.each(CASES)('verification of %s', (id, broken, healthy) => {
  it('is confirmed on the broken cluster and refuted on its healthy twin', async () => {
    const incident = (await shippedKnowledge()).byId.get(id);
    expect(incident?.verification).toBeDefined();
    if (!incident) return;
    const bad = await verifyShipped(incident, fakeReader(broken));
    expect(bad.verdict, JSON.stringify(bad.checks)).toBe('confirmed');
    const good = await verifyShipped(incident, fakeReader(healthy));
    expect(good.verdict, JSON.stringify(good.checks)).toBe('refuted');
  });
});
