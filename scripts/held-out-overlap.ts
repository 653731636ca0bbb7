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

function runs(text: string, length: number): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i + length <= text.length; i++) found.add(text.slice(i, i + length));
  return found;
}

function sharesRun(example: string, caseRuns: Set<string>, length: number): boolean {
  for (let i = 0; i + length <= example.length; i++) if (caseRuns.has(example.slice(i, i + length))) return true;
  return false;
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
  const prepared = cases.map((c) => {
    const text = fold(c.text);
    return { id: c.id, thread: threadOf(c.source), near: runs(text, SAME_THREAD_RUN), far: runs(text, ANY_THREAD_RUN) };
  });
  const overlaps: Overlap[] = [];
  for (const incident of incidents) {
    for (const kind of ['match', 'noMatch'] as const) {
      incident.examples[kind].forEach((example, index) => {
        const text = fold(example.text);
        const thread = threadOf(example.source);
        const copied = prepared.find(
          (c) =>
            (thread !== undefined && c.thread === thread && sharesRun(text, c.near, SAME_THREAD_RUN)) ||
            sharesRun(text, c.far, ANY_THREAD_RUN),
        );
        if (copied) overlaps.push({ incident: incident.id, field: `examples.${kind}.${index}`, caseId: copied.id });
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
