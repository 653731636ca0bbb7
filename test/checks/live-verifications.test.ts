/**
 * The entries whose proof is what a component prints (live-logs, live-events) or an object the
 * new field checks read: each verified on a sick cluster (confirmed) and its healthy twin
 * (refuted), in the API server's shapes, through the same triage-bound knowledge base.
 */
import { describe, expect, it } from 'vitest';
import { linesAt } from '../fakes/pod-log.js';
import { cluster, type EventSpec, node, onePodLogging, pod } from '../fixtures/live-cluster.js';
import { shippedKnowledge, verifyShipped } from '../helpers/kb.js';
import { type Answer, fakeReader } from './fake-reader.js';

const NODES = [node('cp-1', ['control-plane']), node('worker-1', ['worker'])];

/** A static control-plane pod (kubeadm), owned by its node, whose one container printed `lines`. */
function staticPod(component: string, lines: string[]) {
  const p = pod({
    namespace: 'kube-system',
    name: `${component}-cp-1`,
    node: 'cp-1',
    owner: { kind: 'Node', name: 'cp-1' },
    labels: { component, tier: 'control-plane' },
    containers: [component],
  });
  return { pod: p, logs: { [`kube-system/${p.metadata.name}`]: { [component]: { current: linesAt(lines) } } } };
}

function controlPlane(apiserver: string[], etcd: string[]) {
  const a = staticPod('kube-apiserver', apiserver);
  const e = staticPod('etcd', etcd);
  return cluster({ nodes: NODES, pods: [a.pod, e.pod], logs: { ...a.logs, ...e.logs } });
}

function coredns(lines: string[], crashLooping = false) {
  const pods = ['coredns-5d78c9869d-4vq8m', 'coredns-5d78c9869d-j2xkl'].map((name, i) =>
    pod({
      namespace: 'kube-system',
      name,
      node: i === 0 ? 'cp-1' : 'worker-1',
      owner: { kind: 'ReplicaSet', name: 'coredns-5d78c9869d' },
      labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '5d78c9869d' },
      containers: ['coredns'],
      ...(crashLooping
        ? {
            status: {
              coredns: {
                ready: false,
                restartCount: 6,
                state: { waiting: { reason: 'CrashLoopBackOff' } },
                lastState: { terminated: { exitCode: 1, reason: 'Error' } },
              },
            },
          }
        : {}),
    }),
  );
  const logs = Object.fromEntries(
    pods.map((p) => [
      `kube-system/${p.metadata.name}`,
      { coredns: { current: linesAt(lines), ...(crashLooping ? { previous: linesAt(lines, Date.now(), 60) } : {}) } },
    ]),
  );
  return cluster({ nodes: NODES, pods, logs });
}

const COREDNS_OK = [
  '.:53',
  '[INFO] plugin/reload: Running configuration SHA512 = 7996e1f4a3b2c0d9',
  'CoreDNS-1.11.1',
  'linux/amd64, go1.20.7, ae2bbc2',
];
const APISERVER_OK = [
  'I1201 09:58:01.000000       1 alloc.go:330] "allocated clusterIPs" service="shop/cart" clusterIPs={"IPv4":"10.96.14.7"}',
];
const ETCD_OK = [
  '{"level":"info","ts":"2026-12-01T09:58:00.000Z","caller":"mvcc/kvstore_compaction.go:68","msg":"finished scheduled compaction","compact-revision":48213000,"took":"12.1ms"}',
];

const events = (specs: EventSpec[]) => cluster({ nodes: NODES, pods: [], events: specs });
/** A pod on worker-1, owned by a DaemonSet or ReplicaSet, whose one container printed `lines`. */
const workerPod =
  (
    namespace: string,
    owner: { kind: 'DaemonSet' | 'ReplicaSet'; name: string; pod: string },
    labels: Record<string, string>,
    container: string,
  ) =>
  (lines: string[]) =>
    onePodLogging(
      NODES,
      {
        namespace,
        name: `${owner.name}-${owner.pod}`,
        node: 'worker-1',
        owner: { kind: owner.kind, name: owner.name },
        labels,
        containers: [container],
      },
      lines,
    );
/** A kube-system DaemonSet pod on worker-1 whose one container printed `lines`. */
const systemDaemon = (name: string, labels: Record<string, string>, container: string, lines: string[]) =>
  workerPod('kube-system', { kind: 'DaemonSet', name, pod: 'x7k2p' }, labels, container)(lines);

/** The ingress-nginx controller pod (the chart's labels) whose controller container printed `lines`. */
const ingressController = workerPod(
  'ingress-nginx',
  { kind: 'ReplicaSet', name: 'ingress-nginx-controller-7d9f8b6c5', pod: 'q2w8e' },
  { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
  'controller',
);

/** Rancher's cluster agent in a downstream cluster (container cluster-register), printing `lines`. */
const rancherAgent = workerPod(
  'cattle-system',
  { kind: 'ReplicaSet', name: 'cattle-cluster-agent-5c9d8f7b6', pod: 'kq4zt' },
  { app: 'cattle-cluster-agent', 'pod-template-hash': '5c9d8f7b6' },
  'cluster-register',
);

/** calico-node as the Tigera operator installs it (calico-system), printing `lines`. */
const calicoOperatorNode = workerPod(
  'calico-system',
  { kind: 'DaemonSet', name: 'calico-node', pod: 'x7k2p' },
  { 'k8s-app': 'calico-node' },
  'calico-node',
);

/** The PV controller's event about the shop's claim (WaitForFirstConsumer is a Normal one). */
const pvcEvent = (reason: string, message: string): EventSpec => ({
  namespace: 'shop',
  kind: 'PersistentVolumeClaim',
  name: 'data-cart-db-0',
  reason,
  type: 'Normal',
  reporter: 'persistentvolume-controller',
  count: 30,
  message,
});

/** The HPA controller's Warning about the shop's HorizontalPodAutoscaler. */
const hpaEvent = (message: string): EventSpec => ({
  namespace: 'shop',
  kind: 'HorizontalPodAutoscaler',
  name: 'cart',
  reason: 'FailedGetResourceMetric',
  reporter: 'horizontal-pod-autoscaler',
  count: 40,
  message,
});

/** A Warning a controller recorded about an object of `kind` in the shop namespace. */
const objectEvent = (kind: string, name: string, reporter: string, reason: string, message: string): EventSpec => ({
  namespace: 'shop',
  kind,
  name,
  reason,
  reporter,
  count: 9,
  message,
});

/** A Warning the kubelet on worker-1 recorded about its own Node. */
const nodeEvent = (reason: string, message: string): EventSpec => ({
  namespace: 'default',
  kind: 'Node',
  name: 'worker-1',
  reason,
  reporter: 'kubelet',
  host: 'worker-1',
  count: 12,
  message,
});

/** A Warning the kubelet on worker-1 recorded about a shop pod. */
const podEvent = (reason: string, message: string): EventSpec => ({
  namespace: 'shop',
  kind: 'Pod',
  name: 'cart-6b7f9c5d8-x2k9q',
  reason,
  reporter: 'kubelet',
  host: 'worker-1',
  count: 7,
  message,
});

const ROWS: Array<{ id: string; broken: Record<string, Answer>; healthy: Record<string, Answer> }> = [
  {
    id: 'coredns-forwarding-loop',
    broken: coredns(
      [
        ...COREDNS_OK,
        '[FATAL] plugin/loop: Loop (127.0.0.1:51234 -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting. Query: "HINFO 6812450917328810427.2318905532487713320."',
      ],
      true,
    ),
    healthy: coredns(COREDNS_OK),
  },
  {
    id: 'coredns-upstream-dns-timeout',
    broken: coredns([
      ...COREDNS_OK,
      '[ERROR] plugin/errors: 2 registry.example.org. AAAA: read udp 10.244.0.12:41873->10.0.0.2:53: i/o timeout',
    ]),
    healthy: coredns(COREDNS_OK),
  },
  {
    id: 'etcd-database-space-exceeded',
    broken: controlPlane(
      [
        ...APISERVER_OK,
        'E1201 09:58:04.512331       1 compact.go:124] etcd: endpoint ([https://127.0.0.1:2379]) compact failed: etcdserver: mvcc: database space exceeded',
      ],
      ETCD_OK,
    ),
    healthy: controlPlane(APISERVER_OK, ETCD_OK),
  },
  {
    id: 'etcd-slow-disk-request-timeouts',
    broken: controlPlane(APISERVER_OK, [
      ...ETCD_OK,
      '{"level":"warn","ts":"2026-12-01T09:58:07.904Z","caller":"wal/wal.go:805","msg":"slow fdatasync","took":"1.873s","expected-duration":"1s"}',
    ]),
    healthy: controlPlane(APISERVER_OK, ETCD_OK),
  },
  {
    id: 'etcd-data-corrupted-after-power-loss',
    broken: controlPlane(APISERVER_OK, [
      ...ETCD_OK,
      'panic: freepages: failed to get all reachable pages (page 3758: out of bounds: 3758)',
    ]),
    // a slow disk is a warning, not a member that cannot read its own data
    healthy: controlPlane(APISERVER_OK, [
      ...ETCD_OK,
      '{"level":"warn","ts":"2026-12-01T09:58:07.904Z","caller":"wal/wal.go:805","msg":"slow fdatasync","took":"1.873s","expected-duration":"1s"}',
    ]),
  },
  {
    id: 'bound-sa-token-stale-client',
    broken: controlPlane(
      [
        ...APISERVER_OK,
        'E1201 09:58:09.100200       1 authentication.go:73] "Unable to authenticate the request" err="[invalid bearer token, service account token has expired]"',
      ],
      ETCD_OK,
    ),
    healthy: controlPlane(APISERVER_OK, ETCD_OK),
  },
  {
    id: 'admission-webhook-x509-unknown-authority',
    broken: events([
      {
        namespace: 'shop',
        kind: 'ReplicaSet',
        name: 'cart-6b7f9c5d8',
        reason: 'FailedCreate',
        reporter: 'replicaset-controller',
        count: 9,
        message:
          'Error creating: Internal error occurred: failed calling webhook "webhook.cert-manager.io": failed to call webhook: Post "https://cert-manager-webhook.cert-manager.svc:443/mutate?timeout=10s": tls: failed to verify certificate: x509: certificate signed by unknown authority',
      },
    ]),
    healthy: events([
      {
        namespace: 'shop',
        kind: 'ReplicaSet',
        name: 'cart-6b7f9c5d8',
        reason: 'FailedCreate',
        reporter: 'replicaset-controller',
        message:
          'Error creating: pods "cart-6b7f9c5d8-" is forbidden: exceeded quota: compute, requested: limits.cpu=1, used: limits.cpu=8, limited: limits.cpu=8',
      },
    ]),
  },
  // extended tier (#17): failures the kubelet keeps recording while the pods stay stuck
  {
    id: 'containerd-insecure-registry-http',
    broken: events([
      podEvent(
        'Failed',
        'Failed to pull image "registry.lab.local:5000/shop/cart:1.4.2": rpc error: code = Unknown desc = failed to pull and unpack image "registry.lab.local:5000/shop/cart:1.4.2": failed to resolve reference "registry.lab.local:5000/shop/cart:1.4.2": failed to do request: Head "https://registry.lab.local:5000/v2/shop/cart/manifests/1.4.2": http: server gave HTTP response to HTTPS client',
      ),
    ]),
    healthy: events([
      podEvent(
        'Failed',
        'Failed to pull image "registry.lab.local:5000/shop/cart:1.4.2": rpc error: code = NotFound desc = failed to pull and unpack image "registry.lab.local:5000/shop/cart:1.4.2": failed to resolve reference "registry.lab.local:5000/shop/cart:1.4.2": registry.lab.local:5000/shop/cart:1.4.2: not found',
      ),
    ]),
  },
  {
    id: 'k8s-gcr-io-frozen-registry',
    broken: events([
      podEvent(
        'Failed',
        'Failed to pull image "k8s.gcr.io/ingress-nginx/controller:v1.9.4": rpc error: code = NotFound desc = failed to pull and unpack image "k8s.gcr.io/ingress-nginx/controller:v1.9.4": failed to resolve reference "k8s.gcr.io/ingress-nginx/controller:v1.9.4": k8s.gcr.io/ingress-nginx/controller:v1.9.4: not found',
      ),
    ]),
    healthy: events([podEvent('Failed', 'Error: ImagePullBackOff')]),
  },
  {
    id: 'container-command-not-found',
    broken: events([
      podEvent(
        'Failed',
        'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/server": stat /app/server: no such file or directory: unknown',
      ),
    ]),
    healthy: events([
      podEvent(
        'BackOff',
        'Back-off restarting failed container cart in pod cart-6b7f9c5d8-x2k9q_shop(0c6b1d2e-8f3a-4b7c-9d1e-2f3a4b5c6d7e)',
      ),
    ]),
  },
  {
    id: 'cni-plugin-binary-missing',
    broken: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5f1c0c3b9e2d4a7f8b6c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a": plugin type="bridge" failed (add): failed to find plugin "bridge" in path [/opt/cni/bin]',
      ),
    ]),
    healthy: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5f1c0c3b9e2d": plugin type="calico" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized',
      ),
    ]),
  },
  {
    id: 'flannel-cni0-stale-bridge-address',
    broken: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "9a8b7c6d5e4f": plugin type="flannel" failed (add): failed to delegate add: failed to set bridge addr: "cni0" already has an IP address different from 10.244.2.1/24',
      ),
    ]),
    healthy: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "9a8b7c6d5e4f": plugin type="flannel" failed (add): loadFlannelSubnetEnv failed: open /run/flannel/subnet.env: no such file or directory',
      ),
    ]),
  },
  {
    id: 'containerd-sandbox-name-reserved',
    broken: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to reserve sandbox name "cart-6b7f9c5d8-x2k9q_shop_0c6b1d2e-8f3a-4b7c-9d1e-2f3a4b5c6d7e_0": name "cart-6b7f9c5d8-x2k9q_shop_0c6b1d2e-8f3a-4b7c-9d1e-2f3a4b5c6d7e_0" is reserved for "a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2"',
      ),
    ]),
    // a bare timeout names no cause: not this entry's proof
    healthy: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = DeadlineExceeded desc = context deadline exceeded',
      ),
    ]),
  },
  {
    id: 'kubelet-pleg-not-healthy',
    broken: cluster({
      nodes: [
        NODES[0],
        node('worker-1', ['worker'], {
          status: 'False',
          reason: 'KubeletNotReady',
          message: 'container runtime is down, PLEG is not healthy: pleg was last seen active 3m5.30684068s ago; threshold is 3m0s',
        }),
      ],
      pods: [],
    }),
    healthy: cluster({ nodes: NODES, pods: [] }),
  },
  {
    id: 'kube-proxy-ipvs-modules-missing',
    broken: systemDaemon('kube-proxy', { 'k8s-app': 'kube-proxy' }, 'kube-proxy', [
      'I0408 02:38:35.381219       1 server_linux.go:69] "Using ipvs Proxier"',
      'E0408 02:38:35.393265       1 server.go:134] "Error running ProxyServer" err="can\'t use the IPVS proxier: error getting ipset version, error: exit status 1"',
    ]),
    // weave's own kernel-ipvs warning next to a kube-proxy in iptables mode is not the proof
    healthy: systemDaemon('kube-proxy', { 'k8s-app': 'kube-proxy' }, 'kube-proxy', [
      'I0408 02:38:35.381219       1 server_linux.go:69] "Using iptables Proxier"',
      'time="2018-07-19T19:26:42Z" level=error msg="Could not get ipvs family information from the kernel. It is possible that ipvs is not enabled in your kernel. Native loadbalancing will not work until this is fixed."',
    ]),
  },
  {
    id: 'nodelocaldns-bind-address-in-use',
    broken: systemDaemon('node-local-dns', { 'k8s-app': 'node-local-dns' }, 'node-cache', [
      '2022/11/25 14:36:15 [INFO] Starting node-cache image: 1.22.8',
      'Listen: listen tcp 0.0.0.0:53: bind: address already in use',
    ]),
    healthy: systemDaemon('node-local-dns', { 'k8s-app': 'node-local-dns' }, 'node-cache', [
      '2022/11/25 14:36:15 [INFO] Starting node-cache image: 1.22.8',
      '[ERROR] Failed to add non-existent interface nodelocaldns: operation not permitted',
    ]),
  },
  {
    id: 'hpa-missing-cpu-request',
    broken: events([hpaEvent('failed to get cpu utilization: missing request for cpu')]),
    healthy: events([
      hpaEvent('failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API'),
    ]),
  },
  {
    id: 'kubelet-image-gc-cannot-free',
    broken: events([
      nodeEvent(
        'FreeDiskSpaceFailed',
        'failed to garbage collect required amount of images. Wanted to free 9025121484 bytes, but freed 0 bytes',
      ),
    ]),
    healthy: events([nodeEvent('InvalidDiskCapacity', 'invalid capacity 0 on image filesystem')]),
  },
  {
    id: 'sandbox-pause-image-unpullable',
    broken: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "602401143452.dkr.ecr.ap-south-1.amazonaws.com/eks/pause:3.5": failed to pull image "602401143452.dkr.ecr.ap-south-1.amazonaws.com/eks/pause:3.5": failed to pull and unpack image "602401143452.dkr.ecr.ap-south-1.amazonaws.com/eks/pause:3.5": failed to resolve reference "602401143452.dkr.ecr.ap-south-1.amazonaws.com/eks/pause:3.5": unexpected status from HEAD request to https://602401143452.dkr.ecr.ap-south-1.amazonaws.com/v2/eks/pause/manifests/3.5: 401 Unauthorized',
      ),
    ]),
    healthy: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "ed1acb1e2ecf": plugin type="flannel" failed (add): failed to find plugin "flannel" in path [/opt/cni/bin]',
      ),
    ]),
  },
  {
    id: 'runasnonroot-image-runs-as-root',
    broken: events([
      podEvent(
        'Failed',
        'Error: container has runAsNonRoot and image will run as root (pod: "cart-6b7f9c5d8-x2k9q_shop(0c6b1d2e-8f3a-4b7c-9d1e-2f3a4b5c6d7e)", container: cart)',
      ),
    ]),
    healthy: events([podEvent('Failed', 'Error: secrets "cart-settings" not found')]),
  },
  {
    id: 'cluster-autoscaler-no-scale-up',
    broken: events([
      podEvent(
        'NotTriggerScaleUp',
        "pod didn't trigger scale-up: 12 node(s) didn't match Pod's node affinity/selector, 3 max node group size reached",
      ),
    ]),
    healthy: events([
      podEvent(
        'NotTriggerScaleUp',
        "pod didn't trigger scale-up: 1 node(s) had volume node affinity conflict, 2 node(s) didn't match Pod's node affinity",
      ),
    ]),
  },
  {
    id: 'scheduling-topology-spread-anti-affinity',
    broken: events([
      podEvent(
        'FailedScheduling',
        "0/1 nodes are available: 1 node(s) didn't match pod affinity/anti-affinity, 1 node(s) didn't satisfy existing pods anti-affinity rules.",
      ),
    ]),
    healthy: events([
      podEvent(
        'FailedScheduling',
        "0/4 nodes are available: 4 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
      ),
    ]),
  },
  {
    id: 'pvc-waitforfirstconsumer-normal',
    broken: events([pvcEvent('WaitForFirstConsumer', 'waiting for first consumer to be created before binding')]),
    healthy: events([pvcEvent('WaitForPodScheduled', 'waiting for pod cart-db-0 to be scheduled')]),
  },
  {
    id: 'ingress-nginx-413-body-too-large',
    broken: ingressController([
      '2024/03/11 09:12:44 [error] 412#412: *88213 client intended to send too large body: 8964179 bytes, client: 10.244.1.7, server: uploads.example.com, request: "POST /api/archive HTTP/2.0", host: "uploads.example.com"',
    ]),
    // the controller's own reconfiguration POST hitting its internal limit is not a user's upload
    healthy: ingressController([
      '2020/06/29 21:14:54 [error] 3423#3423: *33433 client intended to send too large body: 35469098 bytes, client: 127.0.0.1, server: , request: "POST /configuration/servers HTTP/1.1", host: "127.0.0.1:10246"',
    ]),
  },
  {
    id: 'ingress-nginx-504-upstream-timeout',
    broken: ingressController([
      '2017/12/20 01:40:42 [error] 26#26: *23 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 9.197.117.193, server: zhiwei.nginx.icp, request: "GET /browser HTTP/1.1", upstream: "http://10.1.228.196:80/browser", host: "zhiwei.nginx.icp"',
    ]),
    // a connect timeout is reachability, not a slow backend
    healthy: ingressController([
      '2021/09/20 15:25:23 [error] 31#31: *60043 upstream timed out (110: Operation timed out) while connecting to upstream, client: 10.244.5.1, server: shop.example.com, request: "GET /check HTTP/1.1", upstream: "http://10.244.6.15:8080/check", host: "shop.example.com"',
    ]),
  },
  {
    id: 'psp-removed-1-25',
    broken: { '/apis/policy/v1': { kind: 'APIResourceList', groupVersion: 'policy/v1', resources: [{ name: 'poddisruptionbudgets' }] } },
    healthy: {
      '/apis/policy/v1beta1': {
        kind: 'APIResourceList',
        groupVersion: 'policy/v1beta1',
        resources: [{ name: 'poddisruptionbudgets' }, { name: 'podsecuritypolicies' }],
      },
    },
  },
  {
    id: 'kubelet-container-runtime-flag-removed-1-27',
    broken: { ...cluster({ nodes: NODES, pods: [] }), '/version': { major: '1', minor: '27', gitVersion: 'v1.27.3' } },
    // before 1.27 the kubelet still accepts --container-runtime
    healthy: { ...cluster({ nodes: NODES, pods: [] }), '/version': { major: '1', minor: '26', gitVersion: 'v1.26.9' } },
  },
  {
    id: 'aws-lbc-subnet-discovery-failed',
    broken: events([
      objectEvent(
        'Ingress',
        'storefront',
        'ingress',
        'FailedBuildModel',
        "Failed build model due to couldn't auto-discover subnets: unable to resolve at least one subnet (0 match VPC and tags: [kubernetes.io/role/elb])",
      ),
    ]),
    // the same reason when the controller has no AWS credentials is another cause
    healthy: events([
      objectEvent(
        'Ingress',
        'storefront',
        'ingress',
        'FailedBuildModel',
        "Failed build model due to couldn't auto-discover subnets: NoCredentialProviders: no valid providers in chain. Deprecated.",
      ),
    ]),
  },
  {
    id: 'cert-manager-dns01-route53-access-denied',
    broken: events([
      objectEvent(
        'Challenge',
        'www-shop-example-1-2954163178-1807632651',
        'cert-manager-challenges',
        'PresentError',
        'Error presenting challenge: failed to change Route 53 record set: operation error Route 53: ChangeResourceRecordSets, https response error StatusCode: 403, RequestID: 3f1c5d2e-8a7b-4c6d-9e0f-1a2b3c4d5e6f, api error AccessDenied: User: arn:aws:sts::111122223333:assumed-role/cert-manager/1701234567890 is not authorized to perform: route53:ChangeResourceRecordSets on resource: arn:aws:route53:::hostedzone/Z0EXAMPLE',
      ),
    ]),
    // the role could not even be assumed: the IRSA entry's cause, not Route 53's policy
    healthy: events([
      objectEvent(
        'Challenge',
        'www-shop-example-1-2954163178-1807632651',
        'cert-manager-challenges',
        'PresentError',
        'Error presenting challenge: failed to determine Route 53 hosted zone ID: operation error Route 53: ListHostedZonesByName, get identity: get credentials: failed to refresh cached credentials, failed to retrieve credentials, operation error STS: AssumeRoleWithWebIdentity, https response error StatusCode: 403, RequestID: 0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d, api error AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity',
      ),
    ]),
  },
  {
    id: 'crio-unqualified-image-short-name',
    broken: events([
      podEvent(
        'InspectFailed',
        'Failed to inspect image "": rpc error: code = Unknown desc = short-name "kong:3.9" did not resolve to an alias and no unqualified-search registries are defined in "/etc/containers/registries.conf"',
      ),
    ]),
    // Docker Hub was found, and refused: the rate limit, not the short name
    healthy: events([
      podEvent(
        'Failed',
        'Failed to pull image "openshift/hello-openshift:v3.6.0": rpc error: code = Unknown desc = reading manifest v3.6.0 in docker.io/openshift/hello-openshift: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit',
      ),
    ]),
  },
  {
    id: 'nfs-mount-helper-missing',
    broken: events([
      podEvent(
        'FailedMount',
        'MountVolume.SetUp failed for volume "media" : mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t nfs 192.168.1.65:/volume1/k8s/media /var/lib/kubelet/pods/0c6b1d2e-8f3a-4b7c-9d1e-2f3a4b5c6d7e/volumes/kubernetes.io~nfs/media\nOutput: mount: /var/lib/kubelet/pods/0c6b1d2e-8f3a-4b7c-9d1e-2f3a4b5c6d7e/volumes/kubernetes.io~nfs/media: bad option; for several filesystems (e.g. nfs, cifs) you might need a /sbin/mount.<type> helper program.',
      ),
    ]),
    // the helper is there and says what it lacks: another cause
    healthy: events([
      podEvent(
        'FailedMount',
        'MountVolume.SetUp failed for volume "media" : mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t nfs 192.168.1.65:/volume1/k8s/media /var/lib/kubelet/pods/0c6b1d2e-8f3a-4b7c-9d1e-2f3a4b5c6d7e/volumes/kubernetes.io~nfs/media\nOutput: mount.nfs: rpc.statd is not running but is required for remote locking.',
      ),
    ]),
  },
  {
    id: 'ebs-csi-controller-iam-denied',
    broken: events([
      {
        ...pvcEvent(
          'ProvisioningFailed',
          'failed to provision volume with StorageClass "gp3": rpc error: code = Internal desc = Could not create volume "pvc-5b8e9f0a-1c2d-4e3f-8a9b-0c1d2e3f4a5b": could not create volume in EC2: UnauthorizedOperation: You are not authorized to perform this operation.',
        ),
        type: 'Warning',
        reporter: 'ebs.csi.aws.com_ebs-csi-controller-6d8f7b9c5-q2w8e_0f1e2d3c',
      },
    ]),
    // the driver could not become its role at all: the IRSA entry's cause
    healthy: events([
      {
        ...pvcEvent(
          'ProvisioningFailed',
          'failed to provision volume with StorageClass "gp3": rpc error: code = Internal desc = Could not create volume "pvc-5b8e9f0a-1c2d-4e3f-8a9b-0c1d2e3f4a5b": could not create volume in EC2: WebIdentityErr: failed to retrieve credentials\ncaused by: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity\n\tstatus code: 403, request id: 0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
        ),
        type: 'Warning',
        reporter: 'ebs.csi.aws.com_ebs-csi-controller-6d8f7b9c5-q2w8e_0f1e2d3c',
      },
    ]),
  },
  {
    id: 'host-local-ipam-leaked-ips',
    broken: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5f1e2d3c4b5a": plugin type="flannel" failed (add): failed to delegate add: failed to allocate for range 0: no IP addresses available in range set: 10.42.2.1-10.42.2.254',
      ),
    ]),
    // a pinned address that is taken is not an exhausted range
    healthy: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5f1e2d3c4b5a": plugin type="bridge" failed (add): failed to allocate for range 0: requested IP address 10.88.0.101 is not available in range set 10.88.0.1-10.88.255.254',
      ),
    ]),
  },
  {
    id: 'cilium-kpr-missing-k8s-service-host',
    broken: systemDaemon('cilium', { 'k8s-app': 'cilium' }, 'cilium-agent', [
      'level=info msg="Establishing connection to apiserver" host="https://10.96.0.1:443" subsys=k8s-client',
      'level=error msg="Unable to contact k8s api-server" error="Get \\"https://10.96.0.1:443/api/v1/namespaces/kube-system\\": dial tcp 10.96.0.1:443: i/o timeout" ipAddr="https://10.96.0.1:443" subsys=k8s-client',
    ]),
    healthy: systemDaemon('cilium', { 'k8s-app': 'cilium' }, 'cilium-agent', [
      'level=info msg="Establishing connection to apiserver" host="https://10.96.0.1:443" subsys=k8s-client',
      'level=info msg="Connected to apiserver" subsys=k8s-client',
    ]),
  },
  {
    id: 'multus-network-attachment-definition-not-found',
    broken: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to create pod network sandbox k8s_cart-6b7f9c5d8-x2k9q_shop_0c6b1d2e-8f3a-4b7c-9d1e-2f3a4b5c6d7e_0(5f1e2d3c4b5a): error adding pod shop_cart-6b7f9c5d8-x2k9q to CNI network "multus-cni-network": plugin type="multus" name="multus-cni-network" failed (add): Multus: [shop/cart-6b7f9c5d8-x2k9q/0c6b1d2e-8f3a-4b7c-9d1e-2f3a4b5c6d7e]: error loading k8s delegates k8s args: TryLoadPodDelegates: error in getting k8s network for pod: GetNetworkDelegates: failed getting the delegate: getKubernetesDelegate: cannot find a network-attachment-definition (macvlan-conf) in namespace (shop): network-attachment-definitions.k8s.cni.cncf.io "macvlan-conf" not found',
      ),
    ]),
    // every attachment was found; the SR-IOV plugin itself failed
    healthy: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to create pod network sandbox k8s_cart-6b7f9c5d8-x2k9q_shop_0c6b1d2e-8f3a-4b7c-9d1e-2f3a4b5c6d7e_0(5f1e2d3c4b5a): error adding pod shop_cart-6b7f9c5d8-x2k9q to CNI network "multus-cni-network": plugin type="multus" name="multus-cni-network" failed (add): Multus: [shop/cart-6b7f9c5d8-x2k9q/0c6b1d2e-8f3a-4b7c-9d1e-2f3a4b5c6d7e]: error adding container to network "sriov-net": SRIOV-CNI failed to configure VF "failed to set vf 3 vlan: operation not supported"',
      ),
    ]),
  },
  {
    id: 'openshift-machineconfigpool-degraded',
    broken: events([
      nodeEvent(
        'OnDiskStateValidationFailed',
        'unexpected on-disk state validating against rendered-worker-67bd2f1c9e8d7a6b5c4d3e2f1a0b9c8d: content mismatch for file "/etc/containers/registries.conf"',
      ),
    ]),
    // the drift monitor starting is routine, a drain timeout is another cause
    healthy: events([
      {
        ...nodeEvent(
          'ConfigDriftMonitorStarted',
          'Config Drift Monitor started, watching against rendered-worker-67bd2f1c9e8d7a6b5c4d3e2f1a0b9c8d',
        ),
        type: 'Normal',
      },
      nodeEvent(
        'FailedToDrain',
        'failed to drain node: worker-1 after 1 hour. Please see machine-config-controller logs for more information',
      ),
    ]),
  },
  {
    id: 'kube-proxy-conntrack-sysctl-read-only',
    broken: systemDaemon('kube-proxy', { 'k8s-app': 'kube-proxy' }, 'kube-proxy', [
      'I0912 08:14:01.123456       1 server_others.go:206] "Using iptables Proxier"',
      'E0912 08:14:01.223456       1 server.go:136] "Error running ProxyServer" err="could not set conntrack parameters from kube-proxy configuration: open /proc/sys/net/netfilter/nf_conntrack_max: permission denied"',
    ]),
    healthy: systemDaemon('kube-proxy', { 'k8s-app': 'kube-proxy' }, 'kube-proxy', [
      'I0912 08:14:01.123456       1 server_others.go:206] "Using iptables Proxier"',
      'I0912 08:14:01.223456       1 conntrack.go:59] "Setting nf_conntrack_max" nfConntrackMax=262144',
    ]),
  },
  {
    id: 'coredns-endpointslice-rbac-missing',
    broken: coredns([
      '[INFO] plugin/kubernetes: pkg/mod/k8s.io/client-go@v0.24.4/tools/cache/reflector.go:167: failed to list *v1.EndpointSlice: endpointslices.discovery.k8s.io is forbidden: User "system:serviceaccount:kube-system:coredns" cannot list resource "endpointslices" in API group "discovery.k8s.io" at the cluster scope',
      '[ERROR] plugin/kubernetes: pkg/mod/k8s.io/client-go@v0.24.4/tools/cache/reflector.go:167: Failed to watch *v1.EndpointSlice: failed to list *v1.EndpointSlice: endpointslices.discovery.k8s.io is forbidden: User "system:serviceaccount:kube-system:coredns" cannot list resource "endpointslices" in API group "discovery.k8s.io" at the cluster scope',
    ]),
    // an API server too old for the version CoreDNS asks for: skew, not RBAC
    healthy: coredns([
      '[ERROR] plugin/kubernetes: pkg/mod/k8s.io/client-go@v0.24.4/tools/cache/reflector.go:167: Failed to watch *v1beta1.EndpointSlice: failed to list *v1beta1.EndpointSlice: the server could not find the requested resource',
    ]),
  },
  {
    id: 'legacy-sa-token-secret-not-autocreated',
    broken: { '/version': { major: '1', minor: '29', gitVersion: 'v1.29.4' } },
    healthy: { '/version': { major: '1', minor: '23', gitVersion: 'v1.23.17' } },
  },
  {
    id: 'kubeadm-control-plane-certs-expired',
    broken: {
      '/version': {
        fail: 'tls',
        message: "TLS failed (CERT_HAS_EXPIRED): the cluster's certificate does not match the kubeconfig's CA or name",
      },
    },
    healthy: { '/version': { major: '1', minor: '29', gitVersion: 'v1.29.4' } },
  },
];

/**
 * Entries whose only check is supporting (the proof may have scrolled out of the log window, so
 * absence cannot refute): the evidence is present on the sick cluster and absent on the twin, and
 * neither is a verdict.
 */
const EVIDENCE_ROWS: Array<{ id: string; check: string; broken: Record<string, Answer>; healthy: Record<string, Answer> }> = [
  {
    id: 'coredns-forward-no-nameservers',
    check: 'live-logs',
    broken: coredns([
      '[WARNING] No files matching import glob pattern: /etc/coredns/custom/*.server',
      'plugin/forward: no nameservers found',
    ]),
    // a forwarding loop stops CoreDNS too, for another reason
    healthy: coredns([
      '[FATAL] plugin/loop: Loop (127.0.0.1:34614 -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting',
    ]),
  },
  {
    id: 'iptables-nft-legacy-backend-mismatch',
    check: 'live-logs',
    broken: systemDaemon('kube-proxy', { 'k8s-app': 'kube-proxy' }, 'kube-proxy', [
      "E0805 10:11:12.131415       1 proxier.go:1402] Failed to execute iptables-restore: exit status 2 (iptables-restore v1.8.7 (nf_tables): Couldn't load target `KUBE-MARK-DROP':No such file or directory",
    ]),
    // without a sign of the nft backend the same line is also the old IPVS start-up race
    healthy: systemDaemon('kube-proxy', { 'k8s-app': 'kube-proxy' }, 'kube-proxy', [
      "E0805 10:11:12.131415       1 proxier.go:1402] Failed to execute iptables-restore: exit status 2 (iptables-restore v1.6.0: Couldn't load target `KUBE-MARK-DROP':No such file or directory",
    ]),
  },
  {
    id: 'dns-ndots-search-expansion',
    check: 'live-logs',
    broken: coredns([
      '[ERROR] plugin/errors: 2 api.example.com.eu-west-1.compute.internal. AAAA: read udp 10.244.0.5:43254->10.0.0.2:53: i/o timeout',
    ]),
    // plain names time out too: the upstream is slow, whatever the search path
    healthy: coredns(['[ERROR] plugin/errors: 2 api.example.com. A: read udp 10.244.0.5:43254->10.0.0.2:53: i/o timeout']),
  },
  {
    id: 'overlay-mtu-mismatch',
    check: 'live-logs',
    broken: calicoOperatorNode([
      '2022-10-31 11:09:33.408 [WARNING][57] felix/vxlan_mgr.go 681: Failed to set vxlan tunnel device MTU error=invalid argument ipVersion=0x4',
    ]),
    healthy: calicoOperatorNode([
      '2022-10-31 11:09:33.408 [INFO][57] felix/vxlan_mgr.go 670: VXLAN device MTU needs to be updated device="vxlan.calico" ipVersion=0x4 new=1400 old=1450',
      '2022-10-31 11:09:33.409 [INFO][57] felix/vxlan_mgr.go 685: Updated vxlan tunnel MTU device="vxlan.calico" ipVersion=0x4 mtu=1400',
    ]),
  },
  {
    id: 'azure-cni-subnet-ip-exhausted',
    check: 'live-events',
    broken: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5f1e2d3c4b5a": plugin type="azure-vnet" failed (add): Failed to allocate pool: Failed to delegate: Failed to allocate address: No available addresses',
      ),
    ]),
    // host-local's exhausted range is another plugin's problem
    healthy: events([
      podEvent(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5f1e2d3c4b5a": plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254',
      ),
    ]),
  },
  {
    id: 'vpc-cni-ipamd-not-ready',
    check: 'live-events',
    broken: events([
      {
        ...podEvent(
          'Unhealthy',
          'Readiness probe failed: {"level":"info","ts":"2026-12-01T09:58:04.512Z","caller":"/usr/local/go/src/runtime/proc.go:271","msg":"timeout: failed to connect service \\":50051\\" within 5s"}',
        ),
        namespace: 'kube-system',
        name: 'aws-node-x7k2p',
      },
    ]),
    healthy: events([
      {
        ...podEvent('Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503'),
        namespace: 'kube-system',
        name: 'aws-node-x7k2p',
      },
    ]),
  },
  {
    id: 'policy-engine-denied-gatekeeper-kyverno',
    check: 'live-events',
    broken: events([
      objectEvent(
        'ReplicaSet',
        'console-7d9f8b6c5',
        'replicaset-controller',
        'FailedCreate',
        'Error creating: admission webhook "validation.gatekeeper.sh" denied the request: [container-must-have-limits] container <console> has no resource limits',
      ),
    ]),
    // the policy engine did not answer: a webhook outage, not a policy decision
    healthy: events([
      objectEvent(
        'ReplicaSet',
        'console-7d9f8b6c5',
        'replicaset-controller',
        'FailedCreate',
        'Error creating: Internal error occurred: failed calling webhook "validate.kyverno.svc-fail": failed to call webhook: Post "https://kyverno-svc.kyverno.svc:443/validate/fail?timeout=10s": context deadline exceeded',
      ),
    ]),
  },
  {
    id: 'resourcequota-must-specify-requests-limits',
    check: 'live-events',
    broken: events([
      objectEvent(
        'ReplicaSet',
        'helloworld-latest-6b78556b99',
        'replicaset-controller',
        'FailedCreate',
        'Error creating: pods "helloworld-latest-6b78556b99-mcpwh" is forbidden: failed quota: quota: must specify limits.cpu,limits.memory,requests.cpu,requests.memory',
      ),
    ]),
    // the quota is full, not unanswerable: resourcequota-exceeded
    healthy: events([
      objectEvent(
        'ReplicaSet',
        'helloworld-latest-6b78556b99',
        'replicaset-controller',
        'FailedCreate',
        'Error creating: pods "helloworld-latest-6b78556b99-mcpwh" is forbidden: exceeded quota: compute-resources, requested: limits.cpu=2,limits.memory=2Gi, used: limits.cpu=8,limits.memory=8Gi, limited: limits.cpu=8,limits.memory=8Gi',
      ),
    ]),
  },
  {
    id: 'extension-apiserver-authentication-reader-missing',
    check: 'live-logs',
    broken: systemDaemon('metrics-server', { 'k8s-app': 'metrics-server' }, 'metrics-server', [
      'I1201 09:58:01.100200       1 serving.go:342] Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)',
      'panic: unable to load configmap based request-header-client-ca-file: configmaps "extension-apiserver-authentication" is forbidden: User "system:serviceaccount:kube-system:metrics-server" cannot get resource "configmaps" in API group "" in the namespace "kube-system"',
    ]),
    // the same file, unreachable: the pod cannot reach the API server at all
    healthy: systemDaemon('metrics-server', { 'k8s-app': 'metrics-server' }, 'metrics-server', [
      'I1201 09:58:01.100200       1 serving.go:342] Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)',
      'Error: unable to load configmap based request-header-client-ca-file: Get "https://10.96.0.1:443/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication": dial tcp 10.96.0.1:443: i/o timeout',
    ]),
  },
  {
    id: 'rancher-agent-cacerts-checksum-mismatch',
    check: 'live-logs',
    broken: rancherAgent([
      'INFO: Using resolv.conf: nameserver 10.43.0.10 search cattle-system.svc.cluster.local svc.cluster.local cluster.local',
      'ERROR: Configured cacerts checksum (fb5552604ef8b0b0ad24f98afb37712f77ad5bb836e8a36dcfc4be410d9cdbee) does not match given --ca-checksum (48a041033e42d49f56b748b579f3aa6172a787523f673c94224dcb9c131256f5)',
    ]),
    // an agent that cannot reach the server is another problem
    healthy: rancherAgent([
      'INFO: Using resolv.conf: nameserver 10.43.0.10 search cattle-system.svc.cluster.local svc.cluster.local cluster.local',
      'ERROR: https://rancher.example.com/ping is not accessible (Failed to connect to rancher.example.com port 443: Connection timed out)',
    ]),
  },
  {
    id: 'ingress-nginx-missing-ingressclass',
    check: 'live-logs',
    broken: ingressController([
      'I1017 21:58:37.843115       7 store.go:426] "Ignoring ingress because of error while validating ingress class" ingress="shop/gateway-ingress" error="ingress does not contain a valid IngressClass"',
    ]),
    healthy: ingressController([
      'I1017 21:58:37.843115       7 store.go:440] "Found valid IngressClass" ingress="shop/gateway-ingress" ingressclass="nginx"',
    ]),
  },
];

describe('supporting evidence from what components print: present on the sick cluster, absent on the twin, never a verdict', () => {
  it.each(EVIDENCE_ROWS.map((r) => [r.id, r] as const))('%s', async (id, row) => {
    const incident = (await shippedKnowledge()).byId.get(id);
    if (!incident) throw new Error(id);
    const broken = await verifyShipped(incident, fakeReader(row.broken));
    const healthy = await verifyShipped(incident, fakeReader(row.healthy));
    const status = (r: typeof broken) => r.checks.find((c) => c.id === row.check)?.status;
    expect([broken.verdict, healthy.verdict]).toEqual(['inconclusive', 'inconclusive']);
    expect(status(broken), JSON.stringify(broken.checks, null, 1)).toBe('present');
    expect(status(healthy), JSON.stringify(healthy.checks, null, 1)).toBe('absent');
  });
});

describe('verifications by what components print and what objects say: sick → confirmed, twin → refuted', () => {
  it.each(ROWS.map((r) => [r.id, r] as const))('%s', async (id, row) => {
    const incident = (await shippedKnowledge()).byId.get(id);
    if (!incident) throw new Error(id);
    const broken = await verifyShipped(incident, fakeReader(row.broken));
    expect(broken.verdict, JSON.stringify(broken.checks, null, 1)).toBe('confirmed');
    const healthy = await verifyShipped(incident, fakeReader(row.healthy));
    expect(healthy.verdict, JSON.stringify(healthy.checks, null, 1)).toBe('refuted');
  });
});
