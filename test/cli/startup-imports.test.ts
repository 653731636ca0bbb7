import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * What `kubetriage diagnose FILE` pays for before it reads a byte: every module reachable from the
 * CLI's entry point through static imports. Adapters and heavy libraries must be reached only
 * through a dynamic import() in the command that needs them (issue #18: importing client-node was
 * half of a one-paste run). Type-only imports are erased by the compiler and do not count.
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Packages a paste-only diagnose never needs: the cluster stack, Slack, Redis, logging, YAML, zod, the regex parser. */
const NOT_ON_THE_PASTE_PATH = [
  'zod',
  'js-yaml',
  '@kubernetes/client-node',
  '@slack/bolt',
  '@slack/web-api',
  'ioredis',
  'pino',
  'pino-pretty',
  'prom-client',
  'semver',
  '@eslint-community/regexpp',
  // the runbook search requires it on first use (src/diagnose/runbook.ts)
  'fuse.js',
];

interface Edge {
  from: string;
  to: string;
}

/** The static, value-carrying imports of one module's text: relative ones resolved under src/, packages by name. */
function staticImports(file: string, text: string): Edge[] {
  const edges: Edge[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'/g)) {
    const [, , typeOnly, clause = '', fromSpecifier, bareSpecifier] = m;
    const specifier = (fromSpecifier ?? bareSpecifier) as string;
    if (typeOnly) continue;
    // `import { type A, type B } from` is erased too
    const named = clause.match(/^\{([^}]*)\}$/);
    if (named && (named[1] as string).split(',').every((part) => part.trim() === '' || /^type\s/.test(part.trim()))) continue;
    const to = specifier.startsWith('.') ? relative(SRC, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts') : specifier;
    edges.push({ from: relative(SRC, file), to });
  }
  return edges;
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/** Every package reachable from the entry module, with the chain of modules that reaches it first. */
function reachablePackages(entry: string, read: (file: string) => string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>([entry]);
  const queue: Array<{ module: string; chain: string[] }> = [{ module: entry, chain: [entry] }];
  while (queue.length > 0) {
    const { module, chain } = queue.shift() as { module: string; chain: string[] };
    for (const { to } of staticImports(resolve(SRC, module), read(resolve(SRC, module)))) {
      if (to.startsWith('node:')) continue;
      if (!to.endsWith('.ts')) {
        const name = packageOf(to);
        if (!packages.has(name)) packages.set(name, [...chain, name]);
        continue;
      }
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push({ module: to, chain: [...chain, to] });
    }
  }
  return packages;
}

const readSource = (file: string) => readFileSync(file, 'utf8');

describe('what a paste-only CLI run imports', () => {
  it('reaches none of the heavy packages through static imports', () => {
    const packages = reachablePackages('cli/bin.ts', readSource);
    const offending = NOT_ON_THE_PASTE_PATH.filter((name) => packages.has(name)).map((name) => packages.get(name)?.join(' → '));
    expect(offending).toEqual([]);
  });

  it('the bot (main.ts) loads the cluster client, Redis and the pretty-printer only when configured to use them', () => {
    const packages = reachablePackages('main.ts', readSource);
    const offending = ['@kubernetes/client-node', 'ioredis', 'pino-pretty']
      .filter((name) => packages.has(name))
      .map((name) => packages.get(name)?.join(' → '));
    expect(offending).toEqual([]);
    // and it does load what every bot needs, so the walker is really following main.ts
    expect([...packages.keys()]).toEqual(expect.arrayContaining(['@slack/bolt', 'pino', 'prom-client']));
  });

  it('would name the chain of one that did', () => {
    const read = (file: string) =>
      file.endsWith('cli/run.ts') ? `${readSource(file)}\nimport { loadClusterEnv } from '../config.js';\n` : readSource(file);
    const packages = reachablePackages('cli/bin.ts', read);
    expect(packages.get('zod')).toEqual(['cli/bin.ts', 'cli/run.ts', 'config.ts', 'zod']);
  });

  it('does not count erased type-only imports, and counts the rest', () => {
    const file = resolve(SRC, 'cli/probe.ts');
    const text = [
      "import type { ClusterEnv } from '../config.js';",
      "import { type A, type B } from 'zod';",
      "import { parse, type C } from 'js-yaml';",
      "import 'pino';",
      "export { x } from './x.js';",
    ].join('\n');
    expect(staticImports(file, text).map((e) => e.to)).toEqual(['js-yaml', 'pino', 'cli/x.ts']);
  });
});
