import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { PLANTED } from '../fixtures/secrets.js';
import { NGINX_UPSTREAM_REFUSED, UNRELATED } from '../fixtures/unrelated.js';
import { shippedKnowledge } from '../helpers/kb.js';
import { inForm, PASTE_FORMS } from '../helpers/paste-forms.js';

/** The canonical error of each seed incident, as the seed write-ups quote it. */
const SEEDS: Array<[string, string, RegExp]> = [
  [
    'kops-sa-issuer-change',
    'calico-node-x7k2p install-cni 2023-09-12 08:14:01.123 [ERROR][1] cni-installer/<nil> <nil>: Unable to create token for CNI kubeconfig error=Unauthorized',
    /create token for CNI kubeconfig/,
  ],
  [
    'kubespray-external-etcd-cert-path',
    'TASK [kubernetes/control-plane : Kubeadm | Upgrade first master]\nfatal: [master01]: FAILED! => {"changed": true, "stderr": "[upgrade/apply] FATAL: failed to create etcd client for external etcd: open /etc/ssl/etcd/ssl/node-master03.pem: no such file or directory"}',
    /external etcd/,
  ],
  [
    'multus-thin-token-expiry',
    'Warning  FailedCreatePodSandBox  2m   kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "0a1b2c3d4e5f60718293a4b5c6d7e8f9": plugin type="multus" name="multus-cni-network" failed (add): Multus: [demo/web-6d4cf56db6-abcde/11111111-2222-3333-4444-555555555555]: error getting pod: Unauthorized',
    /Multus/,
  ],
  [
    'okd-api-int-ca-rotation',
    'Mar 14 09:12:44 worker-0 kubenswrapper[2211]: E0314 09:12:44.118 2211 reflector.go:147] failed to list *v1.Node: Get "https://api-int.okd.example.com:6443/api/v1/nodes?limit=500": tls: failed to verify certificate: x509: certificate signed by unknown authority',
    /api-int/,
  ],
  [
    'vpc-cni-irsa-annotation-missing',
    '"Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"\n{"level":"error","ts":"2023-10-02T11:00:00.000Z","caller":"ipamd/ipamd.go:455","msg":"Unauthorized operation: failed to call ec2:DescribeNetworkInterfaces due to missing permissions. Please refer to the IAM policy docs to attach the relevant policy to the IAM role"}',
    /Unauthorized operation/,
  ],
];

describe('the five seed incidents', () => {
  it.each(SEEDS)('%s: its canonical error matches, with the line as evidence', async (id, text, evidenceLine) => {
    const result = diagnose(text, await shippedKnowledge());
    expect(result.verdict).toBe('match');
    expect(result.matches[0]?.id).toBe(id);
    expect(result.matches[0]?.evidence.some((e) => evidenceLine.test(e.text))).toBe(true);
  });

  it('each seed carries at least 5 real match and 3 noMatch examples (or explains why not), and 2 sources', async () => {
    const kb = await shippedKnowledge();
    for (const [id] of SEEDS) {
      const incident = kb.byId.get(id);
      expect(incident, id).toBeDefined();
      if (!incident?.exampleGap) expect(incident?.examples.match.length, id).toBeGreaterThanOrEqual(5);
      expect(incident?.examples.match.length, id).toBeGreaterThanOrEqual(2);
      expect(incident?.examples.noMatch.length, id).toBeGreaterThanOrEqual(3);
      expect(incident?.sources.length, id).toBeGreaterThanOrEqual(2);
    }
  });
});

/** The VPC CNI seed as its report reads: the ServiceAccount without annotation, ipamd's EC2 403, the node without CNI. */
const VPC_CNI_CANONICAL = [
  '$ kubectl describe sa aws-node -n kube-system',
  'Name:                aws-node',
  'Namespace:           kube-system',
  'Labels:              app.kubernetes.io/name=aws-node',
  'Annotations:         <none>',
  'Events:              <none>',
  '',
  '{"level":"error","ts":"2023-11-08T09:00:00.000Z","caller":"ipamd/ipamd.go:455","msg":"Failed to call ec2:DescribeNetworkInterfaces for [eni-0a1b2c3d4e5f]: UnauthorizedOperation: You are not authorized to perform this operation.\\n\\tstatus code: 403, request id: 00000000-0000-0000-0000-000000000001"}',
  'Ready  False  KubeletNotReady  container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
].join('\n');

describe('the seeds in every shape a report takes', () => {
  it('the VPC CNI seed canonical paste (describe sa, ipamd JSON line, node condition) is the VPC CNI seed', async () => {
    const result = diagnose(VPC_CNI_CANONICAL, await shippedKnowledge());
    expect(result.verdict).toBe('match');
    expect(result.matches[0]?.id).toBe('vpc-cni-irsa-annotation-missing');
    expect(result.matches[0]?.evidence.map((e) => e.line)).toContain(5);
  });

  it('the describe block alone, without the lines older kubectl printed, is its strong evidence', async () => {
    const block = 'Name:         aws-node\nNamespace:    kube-system\nLabels:       <none>\nAnnotations:  <none>';
    const result = diagnose(block, await shippedKnowledge());
    expect(result.matches[0]?.evidence[0]).toMatchObject({ signature: 'aws-node-sa-no-annotations', line: 4 });
  });

  it.each([
    [
      'the action before the error code',
      'aws-node ipamd: Failed to call ec2:DescribeNetworkInterfaces for [eni-0a1b2c3d4e5f]: UnauthorizedOperation: You are not authorized to perform this operation.',
    ],
    [
      'the error code before the action',
      'aws-node ipamd: UnauthorizedOperation: You are not authorized to perform this operation. ec2:DescribeNetworkInterfaces',
    ],
    [
      'wrapped by Slack mid-id',
      'aws-node ipamd: failed to call ec2:DescribeNetworkInterfaces for [eni-0a1b2c\n3d4e5f]: UnauthorizedOperation: You are not authorized',
    ],
  ])('ipamd EC2 403 with %s is the ipamd signature', async (_, text) => {
    const result = diagnose(text, await shippedKnowledge());
    expect(result.matches[0]?.id).toBe('vpc-cni-irsa-annotation-missing');
    expect(result.matches[0]?.evidence.map((e) => e.signature)).toContain('ipamd-ec2-unauthorized');
  });

  const seedIds = SEEDS.map(([id]) => id);
  it.each(SEEDS.flatMap(([id, text]) => PASTE_FORMS.map((form) => [id, form, text] as const)))(
    '%s canonical error, %s',
    async (id, form, text) => {
      const result = diagnose(inForm(text, form), await shippedKnowledge());
      expect(result.verdict).toBe('match');
      expect(result.matches[0]?.id).toBe(id);
    },
  );

  it('every real example of every seed, in every form, names its seed', async () => {
    const kb = await shippedKnowledge();
    const wrong: string[] = [];
    for (const id of seedIds) {
      const incident = kb.byId.get(id);
      for (const [i, example] of (incident?.examples.match ?? []).entries()) {
        // an example that is already describe or events output is its own describe form
        const forms = PASTE_FORMS.filter((f) => f !== 'describe-event' || !['describe', 'events'].includes(example.format ?? ''));
        for (const form of forms) {
          const result = diagnose(inForm(example.text, form), kb);
          if (result.verdict !== 'match' || result.matches[0]?.id !== id) {
            wrong.push(`${id} example ${i} (${example.format ?? '?'}) as ${form}: ${result.verdict} ${result.matches[0]?.id ?? ''}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('honest no-match', () => {
  it.each(Object.entries(UNRELATED))('%s gives no-match', async (_, text) => {
    expect(diagnose(text, await shippedKnowledge()).verdict).toBe('no-match');
  });

  it('a plain nginx upstream error is the ingress 502 at medium confidence, never high', async () => {
    const result = diagnose(NGINX_UPSTREAM_REFUSED, await shippedKnowledge());
    expect(result.matches[0]).toMatchObject({ id: 'ingress-nginx-502-upstream-refused', confidence: 'medium' });
  });

  it('an empty paste gives a clear message', async () => {
    const result = diagnose('  \n\n ', await shippedKnowledge());
    expect(result).toMatchObject({ verdict: 'no-match', reason: { code: 'empty' } });
  });

  it('1 MB of random bytes gives a clear message, quickly', async () => {
    const kb = await shippedKnowledge();
    let seed = 7;
    const bytes = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      bytes[i] = seed >> 23;
    }
    const started = performance.now();
    const result = diagnose(new TextDecoder().decode(bytes), kb);
    // A guard against hangs, not a performance claim (that is `npm run bench`).
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ verdict: 'no-match', reason: { code: 'binary' } });
  });

  it('finds the error buried in the middle of a 40 KB log', async () => {
    const kb = await shippedKnowledge();
    const noise = Array.from(
      { length: 300 },
      (_, i) => `I0101 00:00:${String(i % 60).padStart(2, '0')}.000000 1 controller.go:${i}] synced ok`,
    ).join('\n');
    const text = `${noise}\n${SEEDS[1]?.[1]}\n${noise}`;
    expect(text.length).toBeGreaterThan(30_000);
    expect(diagnose(text, kb).matches[0]?.id).toBe('kubespray-external-etcd-cert-path');
  });
});

describe('context and secrets', () => {
  it('extracts versions, node names and paths the paste states', async () => {
    const text = `kops v1.26.6 upgrade from 1.25.4\n${SEEDS[1]?.[1]}`;
    const { context } = diagnose(text, await shippedKnowledge());
    expect(context.versions).toEqual(expect.arrayContaining(['1.26.6', '1.25.4']));
    expect(context.nodes).toEqual(expect.arrayContaining(['master01', 'master03']));
    expect(context.paths).toContain('/etc/ssl/etcd/ssl/node-master03.pem');
  });

  it('never returns a planted token, JWT, AWS key or certificate', async () => {
    const text = [
      `Authorization: Bearer ${PLANTED.bearer}`,
      `token: ${PLANTED.jwt}`,
      `AWS_ACCESS_KEY_ID=${PLANTED.awsKey} aws_secret_access_key=${PLANTED.awsSecret}`,
      `Unable to create token for CNI kubeconfig error=Unauthorized ${PLANTED.jwt}`,
      '-----BEGIN CERTIFICATE-----',
      PLANTED.certBody,
      '-----END CERTIFICATE-----',
    ].join('\n');
    const output = JSON.stringify(diagnose(text, await shippedKnowledge()));
    for (const secret of [PLANTED.bearer, PLANTED.jwt, PLANTED.awsKey, PLANTED.awsSecret, PLANTED.certBody]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('kops-sa-issuer-change');
  });
});
