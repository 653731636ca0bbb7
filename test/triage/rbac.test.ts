import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { renderRbac } from '../../src/triage/rbac.js';
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

  it('never grants Secrets, wildcards or exec-like sub-resources', () => {
    const resources = rules.flatMap((r) => r.resources ?? []);
    expect(resources).not.toContain('secrets');
    expect(resources).not.toContain('*');
    expect(resources.filter((r) => /\/(exec|attach|portforward|proxy|token)$/.test(r))).toEqual([]);
    expect(rules.flatMap((r) => r.apiGroups ?? [])).not.toContain('*');
  });
});
