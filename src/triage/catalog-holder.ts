import { KnowledgeError, type KnowledgeProblem } from '../errors.js';
import { type Catalog, loadCatalog } from './catalog.js';

export type ReloadResult = { ok: true; incidents: number } | { ok: false; problems: KnowledgeProblem[] };

/** The catalog being served; a reload swaps it whole, and only when the new one is valid. */
export class CatalogHolder {
  constructor(
    private readonly dir: string,
    private serving: Catalog,
  ) {}

  current(): Catalog {
    return this.serving;
  }

  async reload(): Promise<ReloadResult> {
    try {
      this.serving = await loadCatalog(this.dir);
      return { ok: true, incidents: this.serving.incidents.length };
    } catch (error) {
      if (error instanceof KnowledgeError) return { ok: false, problems: error.problems };
      throw error;
    }
  }
}
