/**
 * The evaluation cases in eval/ are the measuring stick: no knowledge example may copy
 * one. An example copies a case when (whitespace and case folded) it takes a 40-character run
 * from a case of the same public thread, or a 150-character run from any case. Shorter shared
 * runs are the standard error messages every report of an incident prints, not copies.
 * Run: npx tsx scripts/held-out-overlap.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Incident } from '../src/knowledge/schema.js';

export const DEV_CASES_PATH = new URL('../eval/dev-cases.jsonl', import.meta.url);

export interface Overlap {
  incident: string;
  field: string;
  caseId: string;
}

const SAME_THREAD_RUN = 40;
const ANY_THREAD_RUN = 150;

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** "https://github.com/owner/repo/issues/12" and "owner/repo#12" name the same thread. */
export function threadOf(source: string | undefined): string | undefined {
  if (!source) return undefined;
  const url = /github\.com\/([^/\s]+\/[^/\s]+)\/(?:issues|pull|discussions)\/(\d+)/i.exec(source);
  if (url) return `${url[1]}#${url[2]}`.toLowerCase();
  const short = /^([\w.-]+\/[\w.-]+)#(\d+)$/.exec(source.trim());
  return short ? `${short[1]}#${short[2]}`.toLowerCase() : undefined;
}

/** Every run of `length` characters of `text`, each mapped to the first case that has it. */
function addRuns(index: Map<string, string>, text: string, length: number, caseId: string): void {
  for (let i = 0; i + length <= text.length; i++) {
    const run = text.slice(i, i + length);
    if (!index.has(run)) index.set(run, caseId);
  }
}

/** The case that shares a run of `length` characters with `text`, if any: one pass over the text. */
function sharedRun(text: string, index: ReadonlyMap<string, string> | undefined, length: number): string | undefined {
  if (!index) return undefined;
  for (let i = 0; i + length <= text.length; i++) {
    const caseId = index.get(text.slice(i, i + length));
    if (caseId) return caseId;
  }
  return undefined;
}

export interface HeldOutCase {
  id: string;
  text: string;
  source?: string;
}

export function readHeldOutCases(): HeldOutCase[] | undefined {
  if (!existsSync(DEV_CASES_PATH)) return undefined;
  return readFileSync(DEV_CASES_PATH, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as HeldOutCase);
}

export function findOverlaps(incidents: Incident[], cases: HeldOutCase[]): Overlap[] {
  // one index of runs for all cases (and one per thread for the shorter same-thread runs): each
  // example is then read once, however many cases there are
  const far = new Map<string, string>();
  const near = new Map<string, Map<string, string>>();
  for (const c of cases) {
    const text = fold(c.text);
    addRuns(far, text, ANY_THREAD_RUN, c.id);
    const thread = threadOf(c.source);
    if (thread === undefined) continue;
    if (!near.has(thread)) near.set(thread, new Map());
    addRuns(near.get(thread) as Map<string, string>, text, SAME_THREAD_RUN, c.id);
  }
  const overlaps: Overlap[] = [];
  for (const incident of incidents) {
    for (const kind of ['match', 'noMatch'] as const) {
      incident.examples[kind].forEach((example, index) => {
        const text = fold(example.text);
        const thread = threadOf(example.source);
        const copied =
          (thread === undefined ? undefined : sharedRun(text, near.get(thread), SAME_THREAD_RUN)) ?? sharedRun(text, far, ANY_THREAD_RUN);
        if (copied) overlaps.push({ incident: incident.id, field: `examples.${kind}.${index}`, caseId: copied });
      });
    }
  }
  return overlaps;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadCatalog } = await import('../src/triage/catalog.js');
  const { BUNDLED_KNOWLEDGE_DIR } = await import('../src/knowledge/default-dir.js');
  const cases = readHeldOutCases();
  if (!cases) {
    console.log(`no evaluation cases at ${DEV_CASES_PATH.pathname}: nothing to compare`);
  } else {
    const overlaps = findOverlaps((await loadCatalog(BUNDLED_KNOWLEDGE_DIR)).incidents, cases);
    for (const o of overlaps) console.log(`${o.incident} ${o.field} copies a held-out evaluation case`);
    console.log(`${overlaps.length} example(s) overlap the evaluation cases`);
    process.exitCode = overlaps.length > 0 ? 1 : 0;
  }
}
