import { describe, expect, it } from 'vitest';
import type { LoadedFile } from '../../src/knowledge/load.js';
import { lintRunbooks } from '../../src/knowledge/runbook-lint.js';
import { type FixStep, incidentSchema } from '../../src/knowledge/schema.js';
import { incidentData } from '../helpers/kb.js';

function entry(overrides: Record<string, unknown>): LoadedFile {
  return { file: 'planted.yaml', incident: incidentSchema.parse(incidentData('planted-entry', overrides)) };
}

/** Lints one planted entry whose immediate fix is a backup step followed by `step`. */
function lintStep(step: FixStep): string[] {
  const backup: FixStep = { step: 'Back up first.', command: 'cp -a /etc/x /root/x.bak', backup: true };
  return lintRunbooks([entry({ fix: { immediate: [backup, step] } })]).map((p) => `${p.field} ${p.message}`);
}

const MARKED = { disruptive: 'the node stops running pods', irreversible: 'the data is gone' };

describe('runbook lint: dangerous commands need their marker', () => {
  it.each([
    ['etcd-compact', 'irreversible', 'etcdctl --endpoints=https://127.0.0.1:2379 compact 123456'],
    ['etcd-defrag', 'disruptive', 'etcdctl --endpoints=https://127.0.0.1:2379 defrag'],
    ['kubeadm-reset', 'disruptive', 'sudo kubeadm reset -f'],
    ['kubeadm-reset', 'irreversible', 'sudo kubeadm reset -f'],
    ['rm-cluster-state', 'irreversible', 'sudo rm -rf /var/lib/etcd/member'],
    ['rm-cluster-state', 'irreversible', 'rm -fr /etc/kubernetes/pki'],
    ['rm-cluster-state', 'irreversible', 'rm -r -f /var/lib/kubelet'],
    ['delete-namespace', 'irreversible', 'kubectl delete ns cattle-system'],
    ['delete-namespace', 'irreversible', 'kubectl --context prod delete namespace cattle-system'],
    ['force-delete', 'disruptive', 'kubectl delete pod x --force --grace-period=0'],
    ['force-delete', 'disruptive', 'kubectl delete pod x --grace-period=0 --force'],
    ['finalizer-patch', 'irreversible', `kubectl patch ns x --type=merge -p '{"metadata":{"finalizers":null}}'`],
    ['node-agent-restart', 'disruptive', 'sudo systemctl daemon-reload && sudo systemctl restart kubelet'],
    ['node-agent-restart', 'disruptive', 'systemctl stop containerd'],
    ['node-agent-restart', 'disruptive', 'sudo systemctl disable --now docker.socket docker'],
    ['daemonset-restart', 'disruptive', 'kubectl -n kube-system rollout restart daemonset aws-node'],
    ['daemonset-restart', 'disruptive', 'kubectl -n kube-system rollout restart ds/kube-multus-ds'],
    ['ca-rotation', 'disruptive', 'sudo kubeadm certs renew all'],
    ['ca-rotation', 'disruptive', 'kubectl config set-cluster prod --certificate-authority=/tmp/new-ca.crt --embed-certs'],
    ['config-overwrite', 'irreversible', 'containerd config default > /etc/containerd/config.toml'],
    ['config-overwrite', 'irreversible', 'containerd config default | sudo tee /etc/containerd/config.toml'],
    ['config-overwrite', 'irreversible', 'cat new.toml > /etc/containerd/config.toml'],
  ])('%s: a step running `%s` without `%s` fails', (rule, marker, command) => {
    const problems = lintStep({ step: 'Do the thing.', command });
    expect(problems.some((p) => p.includes(`[${rule}]`) && p.includes(`\`${marker}\``))).toBe(true);
    expect(problems.every((p) => p.startsWith('fix.immediate[1] planted-entry: '))).toBe(true);
    // Marked, the same step passes.
    expect(lintStep({ step: 'Do the thing.', command, ...MARKED })).toEqual([]);
  });

  it('reads inline code in the step text, not its prose', () => {
    expect(lintStep({ step: 'Run `sudo kubeadm reset -f` on the node.' }).join('\n')).toContain('[kubeadm-reset]');
    expect(lintStep({ step: 'kubeadm reset does not remove /etc/cni/net.d; delete it yourself.' })).toEqual([]);
  });

  it.each([
    'rm -rf /var/lib/etcd-fio',
    'containerd config dump > /tmp/containerd-now.toml',
    'cp -a /etc/containerd/config.toml /etc/containerd/config.toml.bak',
    'kubectl delete pod x',
    'systemctl status kubelet',
    'grep certificate-authority-data ~/.kube/config',
    'kubectl get sa default -o yaml',
    'kubectl -n cert-manager rollout restart deploy/cert-manager-cainjector',
  ])('leaves the harmless `%s` alone', (command) => {
    expect(lintStep({ step: 'Look.', command })).toEqual([]);
  });
});

describe('runbook lint: irreversible steps need a backup first', () => {
  const irreversible: FixStep = { step: 'Compact.', irreversible: 'drops old revisions' };

  it('fails an irreversible step with no earlier backup step', () => {
    const problems = lintRunbooks([entry({ fix: { immediate: [irreversible, { step: 'Back up.', backup: true }] } })]);
    expect(problems).toEqual([
      expect.objectContaining({ field: 'fix.immediate[0]', message: expect.stringContaining('planted-entry: [backup-first]') }),
    ]);
  });

  it('accepts a backup in `immediate` for an irreversible step in `lasting`', () => {
    const fix = { immediate: [{ step: 'Back up.', backup: true }], lasting: [irreversible] };
    expect(lintRunbooks([entry({ fix })])).toEqual([]);
    expect(lintRunbooks([entry({ fix: { immediate: [{ step: 'Look.' }], lasting: [irreversible] } })])[0]?.field).toBe('fix.lasting[0]');
  });
});

describe('runbook lint: Secrets', () => {
  it.each([
    'kubectl -n cert-manager get secret cert-manager-webhook-ca -o jsonpath={.data.ca\\.crt}',
    'kubectl get secrets -A',
    'kubectl describe secret my-token',
  ])('a step running `%s` must be marked readsSecret', (command) => {
    expect(lintStep({ step: 'Read it.', command }).join('\n')).toContain('[reads-secret]');
    expect(lintStep({ step: 'Read it.', command, readsSecret: 'prints the token' })).toEqual([]);
  });

  it.each([
    [{ description: 'the CA Secret has a ca.crt', resource: 'secrets', namespace: 'cert-manager' }],
    [{ description: 'read the webhook CA Secret and compare it to the caBundle', resource: 'configmaps' }],
    [{ description: 'token objects', field: 'type=kubernetes.io/service-account-token' }],
    [{ description: 'raw read', nonResourcePath: '/api/v1/namespaces/x/secrets/y' }],
  ])('an evidence item that names a Secret fails (%o)', (item) => {
    const problems = lintRunbooks([entry({ evidence: [{ description: 'the node is Ready' }, item] })]);
    expect(problems).toEqual([
      expect.objectContaining({ field: 'evidence[1]', message: expect.stringContaining('planted-entry: [no-secret-evidence]') }),
    ]);
  });

  it('a verification or upgradeRisk check whose params name Secrets fails', () => {
    const check = { check: 'configmap-field', params: { resource: 'secrets', name: 'x' } };
    const problems = lintRunbooks([
      entry({
        verification: { checks: [check] },
        upgradeRisk: { from: '>=1.0.0', to: '>=1.0.0', checks: [{ check: 'node-info' }, check] },
      }),
    ]);
    expect(problems.map((p) => p.field)).toEqual(['verification.checks[0].params', 'upgradeRisk.checks[1].params']);
    expect(problems.every((p) => p.message.includes('[no-secret-evidence]'))).toBe(true);
  });

  it("accepts evidence that reads no Secret (a ServiceAccount's own .secrets field is not a Secret read)", () => {
    const evidence = [
      {
        description: 'the webhook caBundle is empty',
        resource: 'validatingwebhookconfigurations',
        field: 'webhooks[].clientConfig.caBundle',
      },
      { description: 'the ServiceAccount lists no token', resource: 'serviceaccounts', field: 'secrets' },
    ];
    expect(lintRunbooks([entry({ evidence })])).toEqual([]);
  });
});

describe('kb lint runs the runbook lint', () => {
  it('lintIncidents reports a planted dangerous step', async () => {
    const { lintIncidents } = await import('../../src/knowledge/lint.js');
    const planted = entry({ fix: { immediate: [{ step: 'Reset.', command: 'kubeadm reset -f' }] } });
    expect(lintIncidents([planted]).map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringContaining('[kubeadm-reset]')]));
  });
});

describe('upgrade phases follow the same rules', () => {
  it('a dangerous command in a phase step without its marker is refused, naming the phase and step', () => {
    const upgradeRisk = {
      from: '>=1.25.0 <1.26.0',
      to: '>=1.26.0',
      checks: [{ check: 'apiserver-flag', params: { flag: 'service-account-issuer', matches: '^x' } }],
      phases: [
        { title: 'prepare the nodes', steps: [{ step: 'Restart the kubelet on each node.', command: 'sudo systemctl restart kubelet' }] },
      ],
    };
    const problems = lintRunbooks([entry({ upgradeRisk })]).map((p) => `${p.field} ${p.message}`);
    expect(problems.some((p) => p.startsWith('upgradeRisk.phases[0].steps[0]') && p.includes('disruptive'))).toBe(true);
  });
});
