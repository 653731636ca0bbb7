import { extractClues } from './clues.js';
import type { PasteContext } from './types.js';

const MAX_PER_KIND = 8;

// never part of a longer dotted number: 10.0.0 from the address 10.0.0.12 is no version
const VERSION = /(?<![\d.])\bv?(\d{1,2}\.\d{1,3}\.\d{1,3}(?:-[0-9a-z][\w.-]{0,40})?)\b(?!\.\d)/gi;
const VERSION_PREFIXED = /\b(?:v|version[ :=]{1,3})(\d{1,2}\.\d{1,3})\b(?!\.\d)/gi;
const NODE_NAMES = [
  /\bnode[ /=:]{1,3}"?([a-z0-9](?:[a-z0-9.-]{0,61}[a-z0-9])?)"?/gi,
  /\bnode-([a-z0-9][a-z0-9-]{0,60})(?:-key)?\.pem\b/gi,
  /\bon node "?([a-z0-9][a-z0-9.-]{0,61}[a-z0-9])"?/gi,
  // Ansible (Kubespray) task results name the host: fatal: [master01]: FAILED!
  /\b(?:fatal|failed|changed|ok): \[([a-z0-9][a-z0-9.-]{0,61})\]/gi,
];
const PATH = /(?:^|[\s"'=:(])((?:\/[\w.@+-]{1,80}){2,12})/g;
const NOT_A_NODE = new Set(['is', 'not', 'the', 'has', 'was', 'and', 'for', 'with', 'status', 'name', 'ready', 'notready']);

function collect(text: string, pattern: RegExp, into: Set<string>, accept: (v: string) => boolean = () => true): void {
  for (const match of text.matchAll(pattern)) {
    const value = match[1];
    if (value && accept(value) && into.size < MAX_PER_KIND) into.add(value);
  }
}

/** Facts the paste itself states, shown with the diagnosis (and used to pick checks later). */
export function extractContext(lines: string[], componentNames: readonly string[]): PasteContext {
  const text = lines.join('\n');
  const lower = text.toLowerCase();
  const versions = new Set<string>();
  collect(text, VERSION, versions, (v) => !/^\d+\.\d+\.\d+\.\d/.test(v));
  collect(text, VERSION_PREFIXED, versions);
  const nodes = new Set<string>();
  for (const pattern of NODE_NAMES) collect(text, pattern, nodes, (v) => !NOT_A_NODE.has(v.toLowerCase()) && /[a-z]/i.test(v));
  const paths = new Set<string>();
  collect(text, PATH, paths, (p) => !p.startsWith('//'));
  const components = componentNames.filter((name) => lower.includes(name)).slice(0, MAX_PER_KIND);
  return { versions: [...versions], components, nodes: [...nodes], paths: [...paths], clues: extractClues(lines, text) };
}
