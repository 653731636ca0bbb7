import { appendFile } from 'node:fs/promises';
import type { Logger } from './logger.js';

export interface AuditEntry {
  who: string;
  channel: string;
  cluster: string;
  /** the incident verified, or "upgrade-check <from> -> <to>" */
  what: string;
  result: string;
  durationMs?: number;
}

/**
 * Every cluster verification and upgrade check, under the stable `audit` key of the log stream,
 * and appended to a file when one is configured (append-only: records are never rewritten).
 */
export class AuditTrail {
  constructor(
    private readonly logger: Logger,
    private readonly file?: string,
  ) {}

  async record(entry: AuditEntry, correlationId?: string): Promise<void> {
    this.logger.info({ audit: entry, ...(correlationId ? { correlationId } : {}) }, 'audit');
    if (!this.file) return;
    try {
      await appendFile(this.file, `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`, 'utf8');
    } catch (error) {
      this.logger.error({ err: error, file: this.file }, 'audit file could not be written');
    }
  }
}
