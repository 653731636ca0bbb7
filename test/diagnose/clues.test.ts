import { describe, expect, it } from 'vitest';
import { describeClues, extractClues, registryOf } from '../../src/diagnose/clues.js';
import { extractContext } from '../../src/diagnose/context.js';

describe('scheduling clues', () => {
  it('splits a FailedScheduling message per reason, with taint keys and resources', () => {
    const clues = extractClues([
      'Warning FailedScheduling 12s default-scheduler 0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
    ]);
    expect(clues.scheduling).toEqual({
      available: 0,
      total: 5,
      reasons: [
        { nodes: 2, kind: 'insufficient', detail: 'cpu', text: 'Insufficient cpu' },
        {
          nodes: 3,
          kind: 'taint',
          detail: 'node-role.kubernetes.io/control-plane',
          text: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
        },
      ],
    });
    expect(describeClues(clues)).toEqual([
      '0 of 5 nodes can take the pod: 2 nodes lack CPU; 3 nodes carry the taint node-role.kubernetes.io/control-plane',
    ]);
  });

  it.each([
    ["0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.", 'selector'],
    ['0/4 nodes are available: 4 node(s) had volume node affinity conflict.', 'volume'],
    ['0/2 nodes are available: 2 Too many pods.', 'too-many-pods'],
    ['0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient memory.', 'unschedulable'],
    ["0/6 nodes are available: 6 node(s) didn't match pod anti-affinity rules.", 'affinity'],
    ["0/1 nodes are available: 1 node(s) had taint {node.kubernetes.io/not-ready: }, that the pod didn't tolerate.", 'taint'],
  ])('%s', (line, kind) => {
    expect(extractClues([line]).scheduling?.reasons[0]?.kind).toBe(kind);
  });
});

describe('container exit clues', () => {
  it('reads the exit code and the reason of a terminated container, with what 137 means', () => {
    const clues = extractClues(['    Last State:     Terminated', '      Reason:       OOMKilled', '      Exit Code:    137']);
    expect(clues.exits).toEqual([{ exitCode: 137, reason: 'OOMKilled', meaning: expect.stringMatching(/^SIGKILL/) }]);
  });

  it('reads an OOMKilled reason with no exit code printed as exit 137', () => {
    expect(extractClues(['    Last State:     Terminated', '      Reason:       OOMKilled']).exits).toEqual([
      { exitCode: 137, reason: 'OOMKilled', meaning: expect.stringMatching(/^SIGKILL/) },
    ]);
  });

  it.each([
    ['CONTAINER "WEB" EXITED WITH CODE 2', 2],
    ['back-off restarting failed container app: exit code 1', 1],
    ['{"exitCode":127,"reason":"StartError"}', 127],
    ['container "web" exited with code 143', 143],
  ])('%s', (line, code) => {
    expect(extractClues([line]).exits?.[0]?.exitCode).toBe(code);
  });
});

describe('image pull clues', () => {
  it('reads a pull that only "failed to resolve reference" names', () => {
    expect(extractClues(['failed to resolve reference "registry.example.com/team/app:1.0": unexpected status 401']).images).toEqual([
      { image: 'registry.example.com/team/app:1.0', registry: 'registry.example.com', status: '401' },
    ]);
  });

  it.each([
    [
      'Failed to pull image "nginx:1.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found',
      { image: 'nginx:1.99', registry: 'docker.io', status: '404' },
    ],
    [
      'Failed to pull image "registry.example.com:5000/team/app:v2": rpc error: code = Unknown desc = failed to resolve reference "registry.example.com:5000/team/app:v2": unexpected status from HEAD request to https://registry.example.com:5000/v2/team/app/manifests/v2: 401 Unauthorized',
      { image: 'registry.example.com:5000/team/app:v2', registry: 'registry.example.com:5000', status: '401' },
    ],
    [
      'Failed to pull image "bitnami/redis:7.2": toomanyrequests: You have reached your pull rate limit.',
      { image: 'bitnami/redis:7.2', registry: 'docker.io', status: '429' },
    ],
    [
      'Failed to pull image "harbor.corp.local/app/api:1.0": ... tls: failed to verify certificate: x509: certificate signed by unknown authority',
      { image: 'harbor.corp.local/app/api:1.0', registry: 'harbor.corp.local', status: 'x509' },
    ],
  ])('%s', (line, expected) => {
    expect(extractClues([line]).images).toEqual([expected]);
  });

  it('takes the registry host only when the first component looks like one', () => {
    expect(registryOf('quay.io/coreos/etcd:v3.5')).toBe('quay.io');
    expect(registryOf('localhost/app:1')).toBe('localhost');
    expect(registryOf('library/nginx:1')).toBe('docker.io');
    expect(registryOf('nginx')).toBe('docker.io');
  });
});

describe('webhook clues', () => {
  it('names the webhook, its endpoint and why it failed', () => {
    const clues = extractClues([
      'Error from server (InternalError): Internal error occurred: failed calling webhook "validate.nginx.ingress.kubernetes.io": failed to call webhook: Post "https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses?timeout=10s": context deadline exceeded',
    ]);
    expect(clues.webhooks).toEqual([
      {
        webhook: 'validate.nginx.ingress.kubernetes.io',
        endpoint: 'https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses',
        failure: 'timeout',
      },
    ]);
  });

  it('says when the service has no endpoints', () => {
    const clues = extractClues([
      'Internal error occurred: failed calling webhook "webhook.cert-manager.io": failed to call webhook: Post "https://cert-manager-webhook.cert-manager.svc:443/mutate?timeout=10s": no endpoints available for service "cert-manager-webhook"',
    ]);
    expect(clues.webhooks?.[0]?.failure).toBe('no endpoints for service cert-manager-webhook');
  });
});

describe('context', () => {
  it('never reports part of an IP address as a version', () => {
    expect(extractContext(['dial tcp 10.0.0.12:6443: connect: connection refused (kubelet v1.29.3)'], []).versions).toEqual(['1.29.3']);
  });

  it('has no clues for text without them', () => {
    expect(extractClues(['deploying v1.2.3 now, ping me if anything breaks'])).toEqual({});
  });
});
