import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { COMMON_NAMESPACES, componentOf, grants, rbacFiles, renderRbac } from '../../src/triage/rbac.js';
import { shippedKnowledge } from '../helpers/kb.js';

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

describe('deploy/rbac.yaml', async () => {
  const committed = await readFile(new URL('../../deploy/rbac.yaml', import.meta.url), 'utf8');
  const docs = yaml.loadAll(committed) as Array<{ kind: string; rules?: Rule[] }>;
  const rules = docs.flatMap((d) => d.rules ?? []);

  it('is exactly what `kubetriage rbac` prints (regenerate it when checks change)', async () => {
    expect(committed.trimEnd()).toBe(renderRbac((await shippedKnowledge()).incidents).trimEnd());
  });

  it('grants only get and list, never a write verb', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) for (const verb of rule.verbs) expect(['get', 'list', 'watch']).toContain(verb);
  });

  it('grants pod logs only per namespace (Roles), never cluster-wide: every application log would be readable', () => {
    const clusterRoles = docs.filter((d) => d.kind === 'ClusterRole');
    expect(clusterRoles.flatMap((d) => (d.rules ?? []).flatMap((r) => r.resources ?? []))).not.toContain('pods/log');
    expect(docs.filter((d) => d.kind === 'Role').some((d) => (d.rules ?? []).some((r) => r.resources?.includes('pods/log')))).toBe(true);
  });

  it('never grants Secrets, wildcards or exec-like sub-resources', () => {
    const resources = rules.flatMap((r) => r.resources ?? []);
    expect(resources).not.toContain('secrets');
    expect(resources).not.toContain('*');
    expect(resources.filter((r) => /\/(exec|attach|portforward|proxy|token)$/.test(r))).toEqual([]);
    expect(rules.flatMap((r) => r.apiGroups ?? [])).not.toContain('*');
  });
});

describe('the RBAC laid out for kustomize', async () => {
  const files = rbacFiles((await shippedKnowledge()).incidents);

  it.each([...files.keys()])('deploy/%s is exactly what `npm run rbac` writes', async (path) => {
    const committed = await readFile(new URL(`../../deploy/${path}`, import.meta.url), 'utf8');
    expect(committed).toBe(files.get(path));
  });

  it('the base holds Roles only in namespaces every cluster has; each other namespace is in its component', () => {
    const namespacesIn = (path: string) =>
      (yaml.loadAll(files.get(path) ?? '') as Array<{ kind?: string; metadata?: { namespace?: string } }>)
        .filter((d) => d?.kind === 'Role' || d?.kind === 'RoleBinding')
        .map((d) => d.metadata?.namespace as string);
    for (const namespace of namespacesIn('base/rbac.yaml')) expect(COMMON_NAMESPACES.has(namespace), namespace).toBe(true);
    const components = [...files.keys()].filter((p) => p.startsWith('components/') && p.endsWith('/rbac.yaml'));
    expect(components.length).toBeGreaterThan(0);
    for (const path of components) {
      const name = path.split('/')[1];
      for (const namespace of namespacesIn(path)) {
        expect(COMMON_NAMESPACES.has(namespace), namespace).toBe(false);
        expect(componentOf(namespace)).toBe(name);
      }
    }
  });

  it('together they grant exactly what the one stream grants', async () => {
    const objectsOf = (text: string) => (yaml.loadAll(text) as object[]).filter(Boolean).map((d) => JSON.stringify(d));
    const split = [...files.entries()].filter(([p]) => p.endsWith('rbac.yaml')).flatMap(([, text]) => objectsOf(text));
    const whole = objectsOf(renderRbac((await shippedKnowledge()).incidents));
    expect(split.sort()).toEqual(whole.sort());
  });
});

describe('grants: whether the generated rules already allow a read (kb lint notes the rest)', () => {
  const list = (namespace?: string) => ({ apiGroup: '', resource: 'pods', verb: 'list' as const, ...(namespace ? { namespace } : {}) });
  const getCm = (namespace: string, name?: string) => ({
    apiGroup: '',
    resource: 'configmaps',
    verb: 'get' as const,
    namespace,
    ...(name ? { name } : {}),
  });

  it('a cluster-wide read covers every namespace; a namespaced one only its own', () => {
    expect(grants([list()], list('monitoring'))).toBe(true);
    expect(grants([list('kube-system')], list('monitoring'))).toBe(false);
    expect(grants([list('monitoring')], list())).toBe(false);
  });

  it('a read of one name covers only that name; a read of all names covers each', () => {
    expect(grants([getCm('kube-system', 'kube-proxy')], getCm('kube-system', 'coredns'))).toBe(false);
    expect(grants([getCm('kube-system')], getCm('kube-system', 'coredns'))).toBe(true);
  });

  it('the verb, the group and non-resource URLs must be the same', () => {
    expect(grants([{ ...list(), verb: 'get' }], list())).toBe(false);
    expect(grants([{ ...list(), apiGroup: 'apps' }], list())).toBe(false);
    expect(grants([{ nonResourceURL: '/version' }], { nonResourceURL: '/version' })).toBe(true);
    expect(grants([{ nonResourceURL: '/version' }], { nonResourceURL: '/livez' })).toBe(false);
    expect(grants([list()], { nonResourceURL: '/version' })).toBe(false);
  });
});
