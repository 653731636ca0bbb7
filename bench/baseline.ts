/**
 * The matcher as it was before matcher v2 (issue #13), measured in the same run so its figures
 * are ratios, not numbers from another day and another load. The code and knowledge of that
 * commit are taken out of git into node_modules/.cache (ignored, reused), and imported from there
 * so they resolve the same packages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The last commit of matcher v1: session 2's end, what #13's "half of today's" is measured against. */
export const BASELINE_REV = 'f336ba5';

interface BaselineModules {
  diagnose: (text: string, kb: unknown) => unknown;
  kb: unknown;
}

/** The v1 diagnose and its own knowledge base, or why they are not available (no git, a tarball). */
export async function loadBaseline(root: string): Promise<BaselineModules | string> {
  const dir = join(root, 'node_modules', '.cache', `kubetriage-baseline-${BASELINE_REV}`);
  try {
    if (!existsSync(join(dir, 'src', 'diagnose', 'diagnose.ts'))) {
      mkdirSync(dir, { recursive: true });
      const archive = execFileSync('git', ['-C', root, 'archive', BASELINE_REV, 'src', 'knowledge'], { maxBuffer: 64 * 1024 * 1024 });
      execFileSync('tar', ['-x', '-C', dir], { input: archive });
    }
    const { diagnose } = (await import(join(dir, 'src', 'diagnose', 'diagnose.ts'))) as BaselineModules;
    const { loadCatalog } = (await import(join(dir, 'src', 'triage', 'catalog.ts'))) as { loadCatalog: (d: string) => Promise<unknown> };
    return { diagnose, kb: await loadCatalog(join(dir, 'knowledge')) };
  } catch (error) {
    return `baseline ${BASELINE_REV} not available: ${(error as Error).message.split('\n')[0]}`;
  }
}
