/**
 * Field selectors as kube-apiserver supports them: only the fields each resource indexes, with
 * =, == and !=. Anything else is the API server's 400 ("field label not supported"), so a check
 * that asks for a field the server cannot filter on fails in the tests, not in production.
 */
import { SelectorError } from './label-selector.js';

const METADATA = ['metadata.name', 'metadata.namespace'];

/** The field labels each resource accepts (GetAttrs in each resource's registry strategy). */
const SUPPORTED: Record<string, string[]> = {
  pods: [
    ...METADATA,
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  events: [
    ...METADATA,
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  nodes: [...METADATA, 'spec.unschedulable'],
  // events.k8s.io/v1 serves the same events under its own field labels (pkg/apis/events/v1 conversion)
  'events.k8s.io/events': [
    ...METADATA,
    'regarding.kind',
    'regarding.namespace',
    'regarding.name',
    'regarding.uid',
    'regarding.apiVersion',
    'regarding.resourceVersion',
    'regarding.fieldPath',
    'reason',
    'reportingController',
    'type',
  ],
};

/** Where a field label reads from when it is not the object path itself. */
const ALIASES: Record<string, string> = { source: 'source.component' };

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export function parseFieldSelector(selector: string, resource: string): FieldRequirement[] {
  if (selector.trim() === '') return [];
  const supported = SUPPORTED[resource] ?? METADATA;
  return selector.split(',').map((term) => {
    const match = /^\s*([A-Za-z.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (!match) throw new SelectorError(`invalid field selector: ${JSON.stringify(term)}`);
    const field = match[1] as string;
    if (!supported.includes(field)) throw new SelectorError(`field label not supported: ${field}`);
    return { field, op: match[2] === '!=' ? '!=' : '=', value: match[3] as string };
  });
}

function valueAt(object: unknown, field: string): string {
  const value = (ALIASES[field] ?? field)
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), object);
  // the server compares the field's string form; an unset field is ""
  return value === undefined || value === null ? '' : String(value);
}

export function matchesFields(object: unknown, requirements: FieldRequirement[]): boolean {
  return requirements.every((r) => (valueAt(object, r.field) === r.value) === (r.op === '='));
}
