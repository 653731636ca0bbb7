import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The folder graph of src/, read bottom-up: data and port (knowledge, cluster) are leaves; the
 * engines (diagnose, checks, upgrade) import only downward; triage is the one application layer
 * that combines them; the adapters (cli, slack) and the composition root sit on top. An import
 * that runs upward fails here, naming the file and the import.
 */
const SHARED = ['errors', 'redact', 'regex-shape'];

/** layer → the layers (or layer/file prefixes) it may import; a layer may always import itself */
const ALLOWED: Record<string, string[]> = {
  errors: [],
  redact: [],
  'regex-shape': [],
  config: ['errors'],
  knowledge: [...SHARED],
  cluster: [...SHARED],
  diagnose: [...SHARED, 'knowledge/schema'],
  checks: [...SHARED, 'cluster', 'knowledge'],
  upgrade: [...SHARED, 'checks', 'cluster', 'knowledge'],
  // reads live text through the port and matches it with the diagnose engine
  scan: [...SHARED, 'cluster', 'diagnose', 'knowledge/schema', 'checks/check'],
  // infrastructure records what the engines produce; it never calls the application or adapters
  activity: [...SHARED],
  state: [...SHARED],
  logging: [...SHARED],
  observability: [...SHARED, 'checks', 'diagnose', 'upgrade'],
  triage: [...SHARED, 'config', 'knowledge', 'cluster', 'diagnose', 'checks', 'upgrade', 'scan', 'logging'],
  cli: [...SHARED, 'config', 'knowledge', 'cluster', 'diagnose', 'checks', 'upgrade', 'scan', 'triage', 'activity', 'logging'],
  // the bot reaches clusters and the knowledge loader only through triage/ (main.ts wires them)
  slack: [
    ...SHARED,
    'config',
    'knowledge/schema',
    'knowledge/step-markers',
    'diagnose',
    'checks',
    'upgrade',
    'scan',
    'triage',
    'activity',
    'state',
    'logging',
    'observability',
  ],
  main: ['*'],
  index: ['*'],
};

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** "knowledge/schema.ts" → layer "knowledge"; "redact.ts" → "redact" */
const layerOf = (path: string) => (path.includes('/') ? (path.split('/')[0] as string) : path.replace(/\.ts$/, ''));

/** Every relative import of a file, as a path under src/. */
function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );
  return specifiers.map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\.js$/, '.ts'));
}

function violations(files: string[], read: (file: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = relative(SRC, file);
    const layer = layerOf(from);
    const allowed = ALLOWED[layer];
    if (!allowed) {
      found.push(`${from}: layer "${layer}" is not in the architecture table`);
      continue;
    }
    for (const target of importsOf(file, read(file))) {
      const to = layerOf(target);
      const ok = to === layer || allowed.includes('*') || allowed.some((a) => a === to || target === `${a}.ts`);
      if (!ok) found.push(`${from} imports ${target}: ${layer} may import ${allowed.join(', ') || 'nothing else'}`);
    }
  }
  return found;
}

describe('the layering of src/', () => {
  it('no import runs upward', () => {
    expect(violations(sourceFiles(SRC))).toEqual([]);
  });

  it('would catch one that did', () => {
    const file = join(SRC, 'knowledge/probe.ts');
    expect(violations([file], () => "import { CHECKS } from '../checks/index.js';\n")).toEqual([
      'knowledge/probe.ts imports checks/index.ts: knowledge may import errors, redact, regex-shape',
    ]);
    expect(violations([join(SRC, 'diagnose/probe.ts')], () => "import { readKnowledge } from '../knowledge/load.js';\n")).toHaveLength(1);
    expect(violations([join(SRC, 'diagnose/probe.ts')], () => "import type { Incident } from '../knowledge/schema.js';\n")).toEqual([]);
  });
});
