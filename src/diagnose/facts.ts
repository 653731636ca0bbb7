import type { TextLine } from './records.js';

/**
 * Fields of the structured outputs people paste: `kubectl describe` blocks (Key: value) and
 * `kubectl get` tables (one fact per cell). Some evidence is a value, not a message: the seed's
 * `kubectl describe sa aws-node` says only `Annotations: <none>`.
 */
export interface Fact {
  /** the object kind, when the paste shows it (the command before the output, or the columns) */
  kind?: string;
  name?: string;
  namespace?: string;
  /** the describe key or table column as printed, e.g. "Annotations", "STATUS" */
  field: string;
  value: string;
  /** 1-based pasted line the value is on */
  line: number;
}

/** kubectl's short names and plurals for the kinds signatures ask about. */
const KIND_ALIASES: Record<string, string> = {
  sa: 'ServiceAccount',
  serviceaccount: 'ServiceAccount',
  po: 'Pod',
  pod: 'Pod',
  no: 'Node',
  node: 'Node',
  ns: 'Namespace',
  namespace: 'Namespace',
  ep: 'Endpoints',
  endpoints: 'Endpoints',
  svc: 'Service',
  service: 'Service',
  deploy: 'Deployment',
  deployment: 'Deployment',
  ds: 'DaemonSet',
  daemonset: 'DaemonSet',
  sts: 'StatefulSet',
  statefulset: 'StatefulSet',
  pvc: 'PersistentVolumeClaim',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  pv: 'PersistentVolume',
  persistentvolume: 'PersistentVolume',
  hpa: 'HorizontalPodAutoscaler',
  horizontalpodautoscaler: 'HorizontalPodAutoscaler',
  apiservice: 'APIService',
  crd: 'CustomResourceDefinition',
  customresourcedefinition: 'CustomResourceDefinition',
  cm: 'ConfigMap',
  configmap: 'ConfigMap',
  ing: 'Ingress',
  ingress: 'Ingress',
  sc: 'StorageClass',
  storageclass: 'StorageClass',
};

/** Normalises "sa", "serviceaccounts", "ServiceAccount" and "serviceaccounts.v1" to one spelling. */
export function canonicalKind(word: string): string | undefined {
  const base = word.toLowerCase().split('.')[0] ?? '';
  return KIND_ALIASES[base] ?? KIND_ALIASES[base.replace(/e?s$/, '')] ?? KIND_ALIASES[base.replace(/s$/, '')];
}

const COMMAND =
  /\b(?:kubectl|oc|k)\s+(?:-n\s*\S+\s+|--namespace[= ]\S+\s+)?(?:describe|get)\s+([a-z][\w.-]*)(?:\/([\w.-]+))?(?:\s+(?:-n\s*\S+|--namespace[= ]\S+))?(?:\s+([a-z0-9][\w.-]*))?/i;
const DESCRIBE_VERB = /\sdescribe\s/i;
/** A describe key at the start of a line: "Name:", "Image pull secrets:", "Node-Selectors:". */
const DESCRIBE_KEY = /^([A-Z][\w ./()-]{0,40}?):(?:\s+(.*))?$/;
/** A column name of a kubectl table: capitals, digits, dashes, parentheses, at most two words ("ACCESS MODES", "PORT(S)"). */
export const TABLE_COLUMN = '[A-Z][A-Z0-9()-]*(?: [A-Z][A-Z0-9()-]*)?';
const COLUMN_NAMES = new RegExp(TABLE_COLUMN, 'g');
const TABLE_HEADER = new RegExp(`^${TABLE_COLUMN}(?:\\s{2,}${TABLE_COLUMN})+\\s*$`);

/** Kinds a table or block shows by its shape when no command names it. */
const TABLE_KINDS: Array<[string, string]> = [
  ['NAME STATUS AGE', 'Namespace'],
  ['NAME ENDPOINTS AGE', 'Endpoints'],
  ['NAME READY STATUS RESTARTS AGE', 'Pod'],
  ['NAMESPACE NAME READY STATUS RESTARTS AGE', 'Pod'],
  ['NAME STATUS ROLES AGE VERSION', 'Node'],
  ['NAME SERVICE AVAILABLE AGE', 'APIService'],
];
const DESCRIBE_KINDS: Array<[string, string]> = [
  ['mountable secrets', 'ServiceAccount'],
  ['tokens', 'ServiceAccount'],
  ['image pull secrets', 'ServiceAccount'],
  ['containers', 'Pod'],
  ['taints', 'Node'],
  ['endpoints', 'Service'],
];

interface Block {
  kind?: string;
  /** the object the command named, for an excerpt that starts below its Name line */
  name?: string;
  facts: Fact[];
}

/** The facts of every describe block and get table in the paste. */
export function extractFacts(lines: readonly TextLine[]): Fact[] {
  const facts: Fact[] = [];
  let command: { kind?: string; name?: string; line: number; describe: boolean } | undefined;
  let block: Block | undefined;
  let table: { columns: Array<{ name: string; start: number }>; kind?: string } | undefined;
  const closeBlock = () => {
    if (!block) return;
    const name = block.facts.find((f) => f.field === 'Name')?.value ?? block.name;
    const namespace = block.facts.find((f) => f.field === 'Namespace')?.value;
    const fields = new Set(block.facts.map((f) => f.field.toLowerCase()));
    const kind = block.kind ?? DESCRIBE_KINDS.find(([field]) => fields.has(field))?.[1];
    for (const fact of block.facts) {
      if (name !== undefined) fact.name = name;
      if (namespace !== undefined) fact.namespace = namespace;
      if (kind !== undefined) fact.kind = kind;
      facts.push(fact);
    }
    block = undefined;
  };
  for (const { text, line } of lines) {
    const trimmed = text.trim();
    const ran = COMMAND.exec(trimmed);
    if (ran) {
      closeBlock();
      table = undefined;
      const kind = canonicalKind(ran[1] as string);
      command = {
        line,
        describe: DESCRIBE_VERB.test(ran[0]),
        ...(kind ? { kind } : {}),
        ...((ran[2] ?? ran[3]) ? { name: (ran[2] ?? ran[3]) as string } : {}),
      };
      continue;
    }
    if (trimmed.length === 0) {
      table = undefined;
      continue;
    }
    const indent = text.length - text.trimStart().length;
    if (table) {
      const cells = cellsOf(text, table.columns);
      const name = cells.NAME;
      if (name) {
        for (const [field, value] of Object.entries(cells)) {
          if (field === 'NAME' || field === 'NAMESPACE') continue;
          const fact: Fact = { field, value, line, name };
          if (cells.NAMESPACE) fact.namespace = cells.NAMESPACE;
          if (table.kind) fact.kind = table.kind;
          facts.push(fact);
        }
        continue;
      }
      table = undefined;
    }
    // a header and a describe key both start with a capital: other lines skip both regexes
    const capital = trimmed.charCodeAt(0) >= 65 && trimmed.charCodeAt(0) <= 90;
    if (indent === 0 && capital && TABLE_HEADER.test(trimmed)) {
      closeBlock();
      const columns = [...text.matchAll(COLUMN_NAMES)].map((m) => ({ name: m[0], start: m.index }));
      const shape = columns.map((c) => c.name).join(' ');
      const kind = (command && line - command.line <= 2 ? command.kind : undefined) ?? TABLE_KINDS.find(([s]) => s === shape)?.[1];
      table = { columns, ...(kind ? { kind } : {}) };
      continue;
    }
    const key = indent === 0 && capital ? DESCRIBE_KEY.exec(trimmed) : null;
    if (key) {
      const field = key[1] as string;
      const value = (key[2] ?? '').trim();
      if (field === 'Name') {
        closeBlock();
        const kind = command && line - command.line <= 2 ? command.kind : undefined;
        block = { facts: [], ...(kind ? { kind } : {}) };
      } else if (!block && command?.describe && line - command.line <= 2) {
        // an excerpt: people paste the describe command and only the fields that matter
        // ("Node-Selectors: …" without the Name, Namespace and Labels above it)
        block = { facts: [], ...(command.kind ? { kind: command.kind } : {}), ...(command.name ? { name: command.name } : {}) };
      }
      block?.facts.push({ field, value, line });
      continue;
    }
    // indented lines continue the last field's value (Labels, Annotations, Conditions); anything else ends the block
    if (indent === 0) closeBlock();
  }
  closeBlock();
  return facts;
}

/**
 * A table row cut at the header's column starts. A row whose cells do not sit under their
 * columns (spaces collapsed by a web page or chat) is split at runs of two or more spaces, if it
 * then has exactly one cell per column; any other row is no row.
 */
function cellsOf(text: string, columns: ReadonlyArray<{ name: string; start: number }>): Record<string, string> {
  const aligned = columns.every((c) => c.start === 0 || text[c.start - 1] === ' ' || text[c.start - 1] === undefined);
  const values = aligned
    ? columns.map((c, i) => text.slice(c.start, columns[i + 1]?.start ?? text.length).trim())
    : text.trim().split(/\s{2,}/);
  if (values.length !== columns.length) return {};
  const cells: Record<string, string> = {};
  columns.forEach((column, i) => {
    cells[column.name] = values[i] as string;
  });
  return cells.NAME && !cells.NAME.includes(' ') ? cells : {};
}
