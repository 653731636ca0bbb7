import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** One line of data/activity.jsonl: what was diagnosed and what people said about it. */
export const activitySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('diagnosis'),
    at: z.string(),
    channel: z.string(),
    verdict: z.enum(['match', 'no-match']),
    incident: z.string().nullable(),
    /** sha256 of the redacted, normalised paste */
    paste: z.string(),
    /** the first redacted error-bearing line, truncated: enough to recognise a gap in the knowledge */
    sample: z.string(),
  }),
  z.object({
    type: z.literal('feedback'),
    at: z.string(),
    channel: z.string(),
    incident: z.string(),
    paste: z.string(),
    outcome: z.enum(['helpful', 'not-this']),
    user: z.string().optional(),
    /** after "Not this": the incident it really was, as the person picked it ("new" when none of the known ones) */
    correction: z.string().optional(),
    /** after "Not this" → "Describe it": what the person wrote it was (redacted, at most 500 characters) */
    note: z.string().max(500).optional(),
  }),
]);

export type ActivityRecord = z.infer<typeof activitySchema>;

export const ACTIVITY_FILE = 'activity.jsonl';

/** Where diagnoses and feedback go: a local file (one replica) or Redis (several). */
export interface ActivitySink {
  append(record: ActivityRecord): Promise<void>;
}

/** Append-only: lines are never rewritten, so concurrent writers cannot corrupt earlier records. */
export class ActivityLog implements ActivitySink {
  private ready: Promise<unknown> | undefined;

  constructor(private readonly dataDir: string) {}

  get path(): string {
    return join(this.dataDir, ACTIVITY_FILE);
  }

  async append(record: ActivityRecord): Promise<void> {
    this.ready ??= mkdir(this.dataDir, { recursive: true });
    await this.ready;
    await appendFile(this.path, `${JSON.stringify(activitySchema.parse(record))}\n`, 'utf8');
  }
}

/** Reads the log file (absent means no activity yet). */
export async function readActivity(dataDir: string): Promise<{ records: ActivityRecord[]; skipped: number }> {
  let text: string;
  try {
    text = await readFile(join(dataDir, ACTIVITY_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skipped: 0 };
    throw error;
  }
  return parseActivityLines(text.split('\n'));
}

/** JSON lines to records, skipping (and counting) the ones that do not parse: a report never fails on one bad line. */
export function parseActivityLines(lines: string[]): { records: ActivityRecord[]; skipped: number } {
  const records: ActivityRecord[] = [];
  let skipped = 0;
  for (const line of lines) {
    if (!line.trim()) continue;
    try {
      const parsed = activitySchema.safeParse(JSON.parse(line));
      if (parsed.success) records.push(parsed.data);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { records, skipped };
}
