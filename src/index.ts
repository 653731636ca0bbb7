/** The library API: the same core the CLI and the Slack bot use. */
export { type DiagnoseOptions, diagnose } from './diagnose/diagnose.js';
export { findRunbook, type RunbookHit, type RunbookResult } from './diagnose/runbook.js';
export type { Diagnosis, EvidenceLine, IncidentMatch, PasteContext } from './diagnose/types.js';
export { KnowledgeError, KubetriageError } from './errors.js';
export { BUNDLED_KNOWLEDGE_DIR } from './knowledge/default-dir.js';
export { type Incident, incidentSchema } from './knowledge/schema.js';
export { redactSecrets } from './redact.js';
export { type Catalog, loadCatalog } from './triage/catalog.js';
