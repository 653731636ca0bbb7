import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
const config = readFileSync(new URL('../../biome.json', import.meta.url), 'utf8');

/** Biome's verdict on `source` as a file at `path` of a scratch copy of the project (overrides apply by path). */
function lint(path: string, source: string): string {
  const root = mkdtempSync(join(tmpdir(), 'kubetriage-lint-'));
  try {
    writeFileSync(join(root, 'biome.json'), config.replace(/"\$schema":[^\n]*\n/, ''));
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), source);
    return execFileSync(process.execPath, [biome, 'lint', path], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('checks and the upgrade report cannot bypass the read-only port', () => {
  it.each([
    ['src/checks/probe.ts', "import { request } from 'node:https';\nexport const r = request;\n", 'noRestrictedImports'],
    ['src/checks/probe.ts', "import { request } from 'undici';\nexport const r = request;\n", 'noRestrictedImports'],
    ['src/upgrade/probe.ts', "import net from 'node:net';\nexport const n = net;\n", 'noRestrictedImports'],
    ['src/upgrade/probe.ts', "export const get = () => fetch('https://10.0.0.1/api');\n", 'noRestrictedGlobals'],
    ['src/checks/probe.ts', "import { KubeConfig } from '@kubernetes/client-node';\nexport const k = KubeConfig;\n", 'noRestrictedImports'],
  ])('lint refuses %s with %s', (path, source, rule) => {
    expect(lint(path, source)).toContain(rule);
  });

  it('the same code passes where it belongs (the port itself)', () => {
    expect(lint('src/cluster/probe.ts', "import { request } from 'node:https';\nexport const r = request;\n")).not.toContain(
      'noRestricted',
    );
  });
});
