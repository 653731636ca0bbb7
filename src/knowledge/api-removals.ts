import { join } from 'node:path';
import { z } from 'zod';
import { loadDataFile } from './data-file.js';
import { API_REMOVALS_FILE } from './files.js';

const minor = z.string().regex(/^1\.\d{1,2}$/, 'must be a Kubernetes minor version like "1.25"');

const removal = z.strictObject({
  group: z.string().describe('API group; "" for the core group'),
  version: z.string(),
  kind: z.string(),
  resource: z.string().describe('plural resource name, as the apiserver_requested_deprecated_apis metric labels it'),
  removedIn: minor,
  replacement: z.string(),
  availableSince: minor.describe('the release the replacement was first served in'),
  runbook: z.string().optional().describe('incident id whose runbook a finding for this row links to; overrides the file default'),
});

const apiRemovalsSchema = z.strictObject({
  source: z.url(),
  runbook: z.string().describe('incident id whose runbook a removed-API finding links to'),
  removals: z.array(removal).min(1),
});

export type ApiRemoval = z.infer<typeof removal> & { runbook: string };

export { API_REMOVALS_FILE } from './files.js';

/** knowledge/api-removals.yaml, validated; a bad entry names the file and field. */
export async function loadApiRemovals(knowledgeDir: string): Promise<ApiRemoval[]> {
  const table = await loadDataFile(join(knowledgeDir, API_REMOVALS_FILE), apiRemovalsSchema);
  // every row carries the incident it links to, so no code names a runbook id
  return table.removals.map((r) => ({ ...r, runbook: r.runbook ?? table.runbook }));
}
