import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { ConfigMap, Namespace, Service, ServiceAccount } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Every kind the manifests may contain, validated against the Kubernetes OpenAPI schemas (no network). */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Namespace,
  ServiceAccount,
  ConfigMap,
  Service,
  Deployment,
  NetworkPolicy,
  PodDisruptionBudget,
  ClusterRole,
  ClusterRoleBinding,
  Role,
  RoleBinding,
};

interface Doc {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
  rules?: Array<{ verbs: string[]; resources?: string[] }>;
}

async function build(overlay: string): Promise<Doc[]> {
  const { stdout } = await run('kubectl', ['kustomize', overlay], { maxBuffer: 10 * 1024 * 1024 });
  return (yaml.loadAll(stdout) as Doc[]).filter(Boolean);
}

describe.each(['deploy/base', 'deploy/overlays/http'])('kubectl kustomize %s', (overlay) => {
  it('builds, and every object validates against the Kubernetes schemas', async () => {
    const docs = await build(overlay);
    expect(docs.length).toBeGreaterThan(5);
    for (const doc of docs) {
      const Model = MODELS[doc.kind];
      expect(Model, `no schema model for ${doc.kind}`).toBeDefined();
      expect(() => new (Model as NonNullable<typeof Model>)(doc as never).validate(), `${doc.kind}/${doc.metadata.name}`).not.toThrow();
    }
  });

  it('runs non-root on a read-only root filesystem, no privilege escalation, all capabilities dropped', async () => {
    const deployment = (await build(overlay)).find((d) => d.kind === 'Deployment') as unknown as {
      spec: {
        template: {
          spec: {
            securityContext: Record<string, unknown>;
            containers: Array<{
              securityContext: Record<string, unknown>;
              resources: object;
              readinessProbe: object;
              livenessProbe: object;
            }>;
          };
        };
      };
    };
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    for (const container of pod.containers) {
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.resources).toMatchObject({ requests: expect.any(Object), limits: expect.any(Object) });
      expect(container.readinessProbe).toMatchObject({ httpGet: { path: '/readyz' } });
      expect(container.livenessProbe).toMatchObject({ httpGet: { path: '/healthz' } });
    }
  });

  it('grants no write verb and no Secrets', async () => {
    const rules = (await build(overlay)).flatMap((d) => d.rules ?? []);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.verbs.every((v) => ['get', 'list', 'watch'].includes(v))).toBe(true);
      expect(rule.resources ?? []).not.toContain('secrets');
    }
  });
});

describe('the HTTP overlay', () => {
  it('runs several replicas behind a Service with a PodDisruptionBudget', async () => {
    const docs = await build('deploy/overlays/http');
    const spec = docs.find((d) => d.kind === 'Deployment')?.spec as { replicas?: number } | undefined;
    expect(spec?.replicas).toBeGreaterThan(1);
    expect(docs.map((d) => d.kind)).toEqual(expect.arrayContaining(['Service', 'PodDisruptionBudget']));
  });
});

describe('schema validation itself', () => {
  it('rejects an invalid object, so the checks above can fail', () => {
    expect(() => new Deployment({ metadata: { name: 'x' }, spec: { replicas: 'three' } } as never).validate()).toThrow();
  });
});

/** Namespaces every cluster has; any other namespace an object names must be created by the same render. */
const EVERY_CLUSTER = new Set(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
const COMPONENTS = ['flannel', 'openshift', 'redis'];

/** An overlay made on the fly: the base (or the HTTP overlay) with some components. */
async function buildWith(resource: string, components: string[]): Promise<Doc[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kubetriage-overlay-'));
  const root = process.cwd();
  await writeFile(
    join(dir, 'kustomization.yaml'),
    yaml.dump({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      // kustomize refuses absolute paths: the overlay points back at the repository relatively
      resources: [relative(dir, join(root, resource))],
      components: components.map((c) => relative(dir, join(root, 'deploy/components', c))),
    }),
  );
  const { stdout } = await run('kubectl', ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', dir], { maxBuffer: 10 * 1024 * 1024 });
  return (yaml.loadAll(stdout) as Doc[]).filter(Boolean);
}

describe('manifests that apply as shipped', () => {
  it.each(['deploy/base', 'deploy/overlays/http'])('%s names only namespaces it creates or every cluster has', async (overlay) => {
    const docs = await build(overlay);
    const created = new Set(docs.filter((d) => d.kind === 'Namespace').map((d) => d.metadata.name));
    const named = docs.map((d) => d.metadata.namespace).filter((n): n is string => n !== undefined);
    expect(named.length).toBeGreaterThan(0);
    for (const namespace of named) expect(created.has(namespace) || EVERY_CLUSTER.has(namespace), namespace).toBe(true);
  });

  it.each(COMPONENTS)('the %s component renders with the base and the HTTP overlay, and validates', async (component) => {
    for (const resource of ['deploy/base', 'deploy/overlays/http']) {
      const docs = await buildWith(resource, [component]);
      for (const doc of docs) {
        const Model = MODELS[doc.kind];
        expect(Model, `no schema model for ${doc.kind}`).toBeDefined();
        expect(() => new (Model as NonNullable<typeof Model>)(doc as never).validate(), `${doc.kind}/${doc.metadata.name}`).not.toThrow();
      }
    }
  });

  it('a distribution component only adds Roles in that distribution namespaces', async () => {
    const base = new Set((await build('deploy/base')).map((d) => `${d.kind}/${d.metadata.namespace}/${d.metadata.name}`));
    const added = (await buildWith('deploy/base', ['openshift'])).filter(
      (d) => !base.has(`${d.kind}/${d.metadata.namespace}/${d.metadata.name}`),
    );
    expect(added.length).toBeGreaterThan(0);
    for (const doc of added) {
      expect(['Role', 'RoleBinding']).toContain(doc.kind);
      expect(doc.metadata.namespace).toMatch(/^openshift-/);
    }
  });

  it('Redis egress (6379) is allowed only when the redis component is added', async () => {
    const ports = (docs: Doc[]) => {
      const spec = docs.find((d) => d.kind === 'NetworkPolicy')?.spec as { egress?: Array<{ ports: Array<{ port: number }> }> } | undefined;
      return (spec?.egress ?? []).flatMap((rule) => rule.ports.map((p) => p.port));
    };
    expect(ports(await build('deploy/overlays/http'))).not.toContain(6379);
    expect(ports(await buildWith('deploy/overlays/http', ['redis']))).toContain(6379);
  });
});
