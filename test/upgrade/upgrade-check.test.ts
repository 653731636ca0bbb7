import { beforeAll, describe, expect, it } from 'vitest';
import { terminalStyle } from '../../src/cli/render/terminal-style.js';
import { renderUpgradeText } from '../../src/cli/render/upgrade-text.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.js';
import { loadOpenshiftReleases } from '../../src/knowledge/openshift-releases.js';
import { renderUpgradeBlocks } from '../../src/slack/render/upgrade-blocks.js';
import { resolveTarget, upgradeCheck } from '../../src/upgrade/upgrade-check.js';
import { type Answer, fakeReader } from '../checks/fake-reader.js';
import * as fx from '../fixtures/cluster-objects.js';
import { shippedKnowledge } from '../helpers/kb.js';

const PSP_METRIC =
  'apiserver_requested_deprecated_apis{group="policy",removed_release="1.25",resource="podsecuritypolicies",subresource="",version="v1beta1"} 1\n';

const nodeAt = (name: string, kubelet: string, runtime = 'containerd://1.7.2', labels: Record<string, string> = {}) => ({
  metadata: { name, labels },
  status: { ...fx.node(name, 'True').status, nodeInfo: { kubeletVersion: kubelet, containerRuntimeVersion: runtime } },
});

/** A cluster as detection and the checks read it; everything else answers 404. */
function cluster(version: string, extra: Record<string, Answer> = {}, nodes: unknown[] = [nodeAt('node-1', version)]) {
  return fakeReader(
    {
      '/version': { gitVersion: version },
      '/metrics': '# no deprecated API requested\n',
      '/api/v1/nodes': fx.list(nodes),
      '/apis/apps/v1/daemonsets': fx.list([]),
      '/apis/apps/v1/namespaces/kube-system/deployments': fx.list([]),
      '/api/v1/namespaces/kube-system/pods': fx.list([]),
      ...extra,
    },
    'fixture',
  );
}

// Data is keyed by path: the fake applies the checks' selectors (k8s-app=kube-apiserver, the control-plane label) itself.
const KOPS_PODS = '/api/v1/namespaces/kube-system/pods';
const KUBEADM_CONFIG = '/api/v1/namespaces/kube-system/configmaps/kubeadm-config';
const controlPlanes = (version: string) =>
  ['master01', 'master02', 'master03'].map((n) => nodeAt(n, version, undefined, { 'node-role.kubernetes.io/control-plane': '' }));
const nodelocaldns = fx.daemonSet('nodelocaldns', 'kube-system', 'registry.k8s.io/dns/k8s-dns-node-cache:1.22.28', {});
const awsNode = (tag: string) =>
  fx.daemonSet('aws-node', 'kube-system', `602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:${tag}`, { 'k8s-app': 'aws-node' });
const multus = (image: string) => fx.daemonSet('kube-multus-ds', 'kube-system', image, { app: 'multus' });

/** Each seed's pre-upgrade state, and its healthy twin; target given where the default would not bite. */
const SEEDS: Array<[string, string | undefined, ReturnType<typeof cluster>, ReturnType<typeof cluster>]> = [
  [
    'kops-sa-issuer-change',
    '1.26',
    cluster('v1.25.4', { [KOPS_PODS]: fx.list([fx.kopsApiserverPod(['https://master.prod.example.com'])]) }),
    cluster('v1.25.4', {
      [KOPS_PODS]: fx.list([fx.kopsApiserverPod(['https://api.internal.prod.example.com', 'https://master.prod.example.com'])]),
    }),
  ],
  [
    'kubespray-external-etcd-cert-path',
    '1.30',
    cluster('v1.29.5', { [KUBEADM_CONFIG]: fx.kubeadmConfig('external-node-cert'), '/apis/apps/v1/daemonsets': fx.list([nodelocaldns]) }, [
      nodeAt('node-1', 'v1.29.5'),
      ...controlPlanes('v1.29.5'),
    ]),
    cluster('v1.29.5', { [KUBEADM_CONFIG]: fx.kubeadmConfig('stacked'), '/apis/apps/v1/daemonsets': fx.list([nodelocaldns]) }, [
      nodeAt('node-1', 'v1.29.5'),
      ...controlPlanes('v1.29.5'),
    ]),
  ],
  [
    'multus-thin-token-expiry',
    undefined,
    cluster('v1.27.3', {
      '/apis/apps/v1/daemonsets': fx.list([multus('ghcr.io/k8snetworkplumbingwg/multus-cni:v3.7.2')]),
    }),
    cluster('v1.27.3', {
      '/apis/apps/v1/daemonsets': fx.list([multus('ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.0-thick')]),
    }),
  ],
  [
    'okd-api-int-ca-rotation',
    '4.15',
    cluster('v1.27.8+5b2a2b2', {
      '/apis/config.openshift.io/v1/clusterversions/version': fx.clusterVersion([
        '4.14.0-0.okd-2023-12-01-225814',
        '4.7.0-0.okd-2021-03-07-090821',
      ]),
    }),
    cluster('v1.27.8+5b2a2b2', {
      '/apis/config.openshift.io/v1/clusterversions/version': fx.clusterVersion([
        '4.14.0-0.okd-2023-12-01-225814',
        '4.12.0-0.okd-2023-04-16-041331',
      ]),
    }),
  ],
  [
    'vpc-cni-irsa-annotation-missing',
    '1.28',
    cluster('v1.27.7-eks-4f4795d', {
      '/api/v1/namespaces/kube-system/serviceaccounts/aws-node': fx.awsNodeServiceAccount(),
      '/apis/apps/v1/namespaces/kube-system/daemonsets': fx.list([awsNode('v1.15.1-eksbuild.1')]),
      '/apis/apps/v1/daemonsets': fx.list([awsNode('v1.15.1-eksbuild.1')]),
    }),
    cluster('v1.27.7-eks-4f4795d', {
      '/api/v1/namespaces/kube-system/serviceaccounts/aws-node': fx.awsNodeServiceAccount(
        'arn:aws:iam::111122223333:role/AmazonEKSVPCCNIRole',
      ),
      '/apis/apps/v1/namespaces/kube-system/daemonsets': fx.list([awsNode('v1.15.1-eksbuild.1')]),
      '/apis/apps/v1/daemonsets': fx.list([awsNode('v1.15.1-eksbuild.1')]),
    }),
  ],
];

async function run(reader: ReturnType<typeof cluster>, target?: string) {
  return upgradeCheck(reader, await shippedKnowledge(), target ? { target } : {});
}

describe.each(SEEDS)('upgrade-check for %s', (id, target, before, healthy) => {
  it('the pre-upgrade state gives a Required finding with the seed id', async () => {
    const report = await run(before, target);
    expect(
      report.findings.filter((f) => f.priority === 'required').map((f) => f.id),
      JSON.stringify(report, null, 1),
    ).toContain(id);
  });

  it('its healthy twin does not', async () => {
    const report = await run(healthy, target);
    expect(report.findings.map((f) => f.id)).not.toContain(id);
  });
});

describe('generic findings', () => {
  it('PodSecurityPolicy in use per the metric is Required for 1.25, not for 1.24', async () => {
    const psp = () => cluster('v1.24.9', { '/metrics': PSP_METRIC }, [nodeAt('node-1', 'v1.24.9')]);
    const to125 = await run(psp(), '1.25');
    expect(to125.findings).toContainEqual(
      expect.objectContaining({ id: 'removed-api:policy/v1beta1/podsecuritypolicies', priority: 'required', runbook: 'psp-removed-1-25' }),
    );
    expect(
      (await run(cluster('v1.23.9', { '/metrics': PSP_METRIC }, [nodeAt('node-1', 'v1.23.9')]), '1.24')).findings.map((f) => f.id),
    ).not.toContain('removed-api:policy/v1beta1/podsecuritypolicies');
  });

  it('kubelets three minors behind a 1.27 target are flagged; the same skew to 1.28 is not', async () => {
    const to127 = await run(cluster('v1.26.5', {}, [nodeAt('old-1', 'v1.24.17'), nodeAt('cp-1', 'v1.26.5')]), '1.27');
    expect(to127.findings.map((f) => f.id)).toContain('skew:kubelet');
    const to128 = await run(cluster('v1.27.5', {}, [nodeAt('old-1', 'v1.25.16'), nodeAt('cp-1', 'v1.27.5')]), '1.28');
    expect(to128.findings.map((f) => f.id)).not.toContain('skew:kubelet');
  });

  it('Kubespray is recognised by its kubeadm-config (etcd certificates under /etc/ssl/etcd/ssl), with that evidence', async () => {
    const report = await run(
      cluster('v1.29.5', { [KUBEADM_CONFIG]: fx.kubeadmConfig('external-node-cert') }, controlPlanes('v1.29.5')),
      '1.30',
    );
    expect(report.distribution).toBe('kubespray');
    expect(report.distributionEvidence.join(' ')).toContain('/etc/ssl/etcd/ssl');
    const plain = await run(cluster('v1.29.5', { [KUBEADM_CONFIG]: fx.kubeadmConfig('stacked') }, controlPlanes('v1.29.5')), '1.30');
    expect(plain.distribution).toBe('kubeadm');
  });

  it('an unrecognised distribution says so and still runs the generic findings', async () => {
    const report = await run(cluster('v1.24.9', { '/metrics': PSP_METRIC }, [nodeAt('node-1', 'v1.24.9')]));
    expect(report.distribution).toBe('unknown');
    expect(report.coverage.join(' ')).toContain('could not be recognised');
    expect(report.findings.map((f) => f.id)).toContain('removed-api:policy/v1beta1/podsecuritypolicies');
    expect(report.target).toBe('1.25');
  });

  it('a 200 that is not a List (a proxy page, an empty object) is a coverage gap, not a crash', async () => {
    const report = await run(
      cluster('v1.24.9', {
        '/api/v1/nodes': '<html><body>Sign in to continue</body></html>',
        '/apis/apps/v1/daemonsets': {},
        '/apis/networking.k8s.io/v1/ingresses': { kind: 'IngressList', items: [{ spec: {} }] },
      }),
    );
    const coverage = report.coverage.join(' ');
    expect(coverage).toContain('nodes: malformed (not a list (no items array))');
    expect(coverage).toContain('DaemonSets: malformed (not a list (no items array))');
    expect(coverage).toContain('ingresses: malformed');
    expect(report.target).toBe('1.25');
  });

  it('an unreadable /metrics is said plainly, not silently skipped', async () => {
    const report = await run(cluster('v1.24.9', { '/metrics': { fail: 'forbidden', message: 'cannot get path /metrics' } }));
    expect(report.coverage.join(' ')).toContain('deprecated API requests not read: /metrics forbidden');
  });
});

describe('resolveTarget', () => {
  // the real table from knowledge/openshift-releases.yaml
  let OKD: Awaited<ReturnType<typeof loadOpenshiftReleases>>;
  beforeAll(async () => {
    OKD = await loadOpenshiftReleases(BUNDLED_KNOWLEDGE_DIR);
  });

  it('defaults to the next minor', () => {
    expect(resolveTarget('1.27.4', undefined, 'kubeadm', OKD)).toEqual({ target: '1.28', minorHops: ['1.28'] });
  });

  it('checks every minor step of a longer jump', () => {
    expect(resolveTarget('1.26.1', '1.29', 'kubeadm', OKD).minorHops).toEqual(['1.27', '1.28', '1.29']);
  });

  it('refuses a downgrade and nonsense', () => {
    expect(() => resolveTarget('1.27.4', '1.26', 'kubeadm', OKD)).toThrow(/older than the cluster/);
    expect(() => resolveTarget('1.27.4', 'latest', 'kubeadm', OKD)).toThrow(/not a version/);
  });

  it('reads an OKD release as its Kubernetes version, from the data table', () => {
    expect(resolveTarget('1.27.8', '4.15', 'okd', OKD).target).toBe('1.28');
    expect(() => resolveTarget('1.27.8', '4.99', 'okd', OKD)).toThrow(/unknown OKD release 4.99/);
  });
});

describe('removed APIs from last-applied manifests', () => {
  it('an Ingress last applied as networking.k8s.io/v1beta1 is Required going to 1.22, naming the object', async () => {
    const ingress = {
      metadata: {
        name: 'shop',
        namespace: 'web',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
            apiVersion: 'networking.k8s.io/v1beta1',
            kind: 'Ingress',
            metadata: { name: 'shop' },
          }),
        },
      },
    };
    const reader = cluster('v1.21.14', { '/apis/networking.k8s.io/v1/ingresses': fx.list([ingress]) }, [nodeAt('node-1', 'v1.21.14')]);
    const report = await run(reader, '1.22');
    const finding = report.findings.find((f) => f.id === 'removed-api:networking.k8s.io/v1beta1/ingresses');
    expect(finding).toMatchObject({ priority: 'required', runbook: 'removed-deprecated-api-versions' });
    expect(finding?.observations).toContain('web/ingresses/shop was last applied as networking.k8s.io/v1beta1');
    expect(report.coverage.join(' ')).toContain('Helm release Secrets are never read');
  });
});

const plainStyle = terminalStyle(false);

describe('upgrade playbooks: the phase to do now comes first', () => {
  const kopsBefore = () => (SEEDS.find(([id]) => id === 'kops-sa-issuer-change') as (typeof SEEDS)[number])[2];

  it('a kOps 1.25 cluster still signing with the old issuer gets the migration in order, keeping the old issuer trusted first', async () => {
    const finding = (await run(kopsBefore(), '1.26')).findings.find((f) => f.id === 'kops-sa-issuer-change');
    expect(finding?.phases?.map((p) => p.title)).toEqual([
      'keep the current issuer signing and make the new one trusted, before upgrading',
      'upgrade kOps and Kubernetes with both issuers accepted',
      'switch the order so the new issuer signs and the old one is only accepted',
      'after at least 24 hours, drop the old issuer',
    ]);
    expect(finding?.fix).toBe('now, phase 1 of 4: keep the current issuer signing and make the new one trusted, before upgrading');
  });

  it('the terminal report shows phase 1 with its commands and markers, then the later phases by title', async () => {
    const text = renderUpgradeText(await run(kopsBefore(), '1.26'), plainStyle);
    expect(text).toContain('do now (phase 1 of 4): keep the current issuer signing');
    expect(text).toContain('$ kops edit cluster');
    expect(text).toMatch(/⚠ disruptive/);
    expect(text).toContain('then: 2. upgrade kOps and Kubernetes with both issuers accepted · 3. switch the order');
    expect(text.indexOf('phase 1 of 4')).toBeLessThan(text.indexOf('then: 2.'));
  });

  it('Slack shows the same phase first, every step of it', async () => {
    const report = await run(kopsBefore(), '1.26');
    const json = JSON.stringify(renderUpgradeBlocks(report).blocks);
    expect(json).toContain('*Do now, phase 1 of 4:* keep the current issuer signing');
    for (const step of report.findings.find((f) => f.id === 'kops-sa-issuer-change')?.phases?.[0]?.steps ?? []) {
      expect(json).toContain(step.command?.slice(0, 20) ?? '');
    }
    expect(json).toContain('then: 2. upgrade kOps and Kubernetes');
  });

  it('a Kubespray cluster is reported as Kubespray, with its evidence, and its first phase makes the cert paths identical', async () => {
    const [, target, before] = SEEDS.find(([id]) => id === 'kubespray-external-etcd-cert-path') as (typeof SEEDS)[number];
    const report = await run(before, target);
    expect(report.distribution).toBe('kubespray');
    expect(renderUpgradeText(report, plainStyle)).toMatch(/distribution: kubespray \(.*\/etc\/ssl\/etcd\/ssl/);
    expect(report.findings.find((f) => f.id === 'kubespray-external-etcd-cert-path')?.phases?.[0]?.title).toBe(
      'give every control plane the same etcd client cert paths, before upgrading',
    );
  });
});

describe('the distribution is recognised from evidence, and the report says which', () => {
  const withProvider = (providerID: string) => ({ ...nodeAt('node-1', 'v1.29.5'), spec: { providerID } });
  it.each([
    ['eks', cluster('v1.29.5-eks-2d98532'), 'server version v1.29.5-eks-2d98532'],
    ['gke', cluster('v1.29.5-gke.1091000'), 'server version v1.29.5-gke.1091000'],
    [
      'gke',
      cluster('v1.29.5', {}, [nodeAt('n', 'v1.29.5', undefined, { 'cloud.google.com/gke-nodepool': 'default-pool' })]),
      'nodes carry cloud.google.com/gke-nodepool',
    ],
    [
      'aks',
      cluster('v1.29.5', {}, [nodeAt('n', 'v1.29.5', undefined, { 'kubernetes.azure.com/cluster': 'MC_rg_aks' })]),
      'nodes carry kubernetes.azure.com/cluster',
    ],
    [
      'aks',
      cluster('v1.29.5', {}, [
        withProvider(
          'azure:///subscriptions/0000/resourceGroups/mc/providers/Microsoft.Compute/virtualMachineScaleSets/aks-1/virtualMachines/0',
        ),
      ]),
      'node providerID azure://',
    ],
    ['k3s', cluster('v1.29.5+k3s1'), 'server version v1.29.5+k3s1'],
    ['rke2', cluster('v1.29.5+rke2r1'), 'server version v1.29.5+rke2r1'],
    [
      'kops',
      cluster('v1.29.5', {}, [nodeAt('n', 'v1.29.5', undefined, { 'kops.k8s.io/instancegroup': 'nodes' })]),
      'nodes carry kops.k8s.io/instancegroup',
    ],
    ['kubeadm', cluster('v1.29.5', { [KUBEADM_CONFIG]: fx.kubeadmConfig('stacked') }), 'kube-system/kubeadm-config exists'],
    [
      'okd',
      cluster('v1.29.5', {
        '/apis/config.openshift.io/v1/clusterversions/version': {
          kind: 'ClusterVersion',
          metadata: { name: 'version' },
          status: { desired: { version: '4.16.0' } },
        },
      }),
      'config.openshift.io ClusterVersion "version" exists',
    ],
    [
      'kubespray',
      cluster('v1.29.5', { [KUBEADM_CONFIG]: fx.kubeadmConfig('external-node-cert') }),
      "kubeadm-config names etcd certificates under /etc/ssl/etcd/ssl (Kubespray's layout)",
    ],
    ['unknown', cluster('v1.29.5'), undefined],
  ] as const)('%s (%s)', async (distribution, reader, evidence) => {
    const report = await run(reader);
    expect(report.distribution).toBe(distribution);
    if (evidence) expect(report.distributionEvidence).toContain(evidence);
    else expect(report.distributionEvidence).toEqual([]);
  });
});
