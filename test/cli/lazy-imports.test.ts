import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Every module a file loads before it runs: static imports, followed through src/ (dynamic import() is not followed). */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)) {
      const spec = (m[1] ?? m[2]) as string;
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
        if (existsSync(target)) visit(target);
      } else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string));
    }
  };
  visit(entry);
  return { files, packages };
}

describe('a paste-only diagnose pays only for what it uses', () => {
  it('the CLI entry loads no Slack, Kubernetes client, Redis or pretty-printer before a command asks for them', () => {
    const { packages } = staticGraph(resolve(SRC, 'cli/run.ts'));
    for (const heavy of ['@slack/bolt', '@kubernetes/client-node', 'ioredis', 'pino-pretty', 'prom-client'])
      expect([...packages], heavy).not.toContain(heavy);
  });

  it('the walker sees a static import when there is one', () => {
    expect(staticGraph(resolve(SRC, 'cluster/registry.ts')).packages).toContain('@kubernetes/client-node');
  });
});
