import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { type VerificationReport, type VerifyOptions, verifyIncident } from '../../src/checks/verify.js';
import type { ClusterReader } from '../../src/cluster/reader.js';
import { recogniseIncident } from '../../src/diagnose/recognise.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.js';
import type { Incident } from '../../src/knowledge/schema.js';
import { type Catalog, loadCatalog } from '../../src/triage/catalog.js';

let shipped: Promise<Catalog> | undefined;

/** The REAL knowledge/ folder through the production loader, loaded once per test file. */
export function shippedKnowledge(): Promise<Catalog> {
  shipped ??= loadCatalog(BUNDLED_KNOWLEDGE_DIR);
  return shipped;
}

/** A minimal valid incident; tests override what they exercise. */
export function incidentData(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    title: `Test incident ${id} for the loader`,
    summary: 'A made-up incident used to exercise the knowledge loader.',
    severity: 'low',
    category: 'runtime',
    components: ['testcomponent'],
    symptoms: ['something fails'],
    signatures: [{ id: 'main', pattern: `${id} exploded badly`, strength: 'decisive' }],
    rootCause: 'The component exploded because the test said so.',
    fix: { immediate: [{ step: 'Restart the component.' }] },
    sources: [{ url: 'https://example.com/a', title: 'Example source' }],
    examples: { match: [{ text: `${id} exploded badly` }] },
    ...overrides,
  };
}

/** Writes incidents (objects or raw YAML text) into a fresh knowledge folder. */
export async function knowledgeDir(files: Record<string, Record<string, unknown> | string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kubetriage-kb-'));
  await mkdir(join(dir, 'incidents'));
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, 'incidents', name), typeof content === 'string' ? content : yaml.dump(content));
  }
  return dir;
}

/**
 * verifyIncident as the triage layer runs it: bound to the shipped knowledge base, so the live
 * checks (live-logs, live-events) match with the incident's own signatures.
 */
export async function verifyShipped(incident: Incident, reader: ClusterReader, options: VerifyOptions = {}): Promise<VerificationReport> {
  const kb = await shippedKnowledge();
  return verifyIncident(incident, reader, { ...options, context: { recognise: (text) => recogniseIncident(text, kb, incident.id) } });
}
