import yaml from 'js-yaml';
import { z } from 'zod';
import { configMapKey, namespaceName, objectName } from '../cluster/k8s-names.js';
import { safePattern } from '../regex-shape.js';
import type { Check } from './check.js';
import { readConfigMap } from './read-helpers.js';

const params = z.strictObject({
  namespace: namespaceName,
  name: objectName,
  key: configMapKey.describe('data key of the ConfigMap'),
  path: z.string().optional().describe('dotted path inside the value when it is YAML or JSON, e.g. etcd.external.certFile'),
  matches: safePattern.describe('regex the field matches when the incident is present; a missing field counts as not matching'),
});

function at(value: unknown, path: string | undefined): unknown {
  if (!path) return value;
  return path
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), value);
}

export const configMapField: Check<z.infer<typeof params>> = {
  id: 'configmap-field',
  description: 'a field of a named ConfigMap, optionally inside its YAML/JSON value',
  params,
  reads: (p) => [{ apiGroup: '', resource: 'configmaps', verb: 'get', namespace: p.namespace, name: p.name }],
  async run(reader, p, signal) {
    const result = await readConfigMap(reader, p.namespace, p.name, signal);
    if (!result.ok) return result.outcome;
    const raw = result.value.data?.[p.key];
    let value: unknown = raw;
    if (raw !== undefined && p.path) {
      try {
        value = at(yaml.load(raw), p.path);
      } catch (error) {
        return {
          status: 'unknown',
          observations: [],
          reason: `${p.namespace}/${p.name} ${p.key} is not YAML or JSON: ${(error as Error).message}`,
        };
      }
    }
    const observed = value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);
    const observations = [
      {
        object: `${p.namespace}/configmap/${p.name}`,
        field: p.path ? `${p.key}: ${p.path}` : p.key,
        observed,
        expected: `matches /${p.matches}/`,
      },
    ];
    return { status: observed !== null && new RegExp(p.matches).test(observed) ? 'present' : 'absent', observations };
  },
};
