import { KnowledgeError, type KnowledgeProblem } from '../errors.js';
import { type Catalog, type LoadCatalogOptions, loadCatalog } from './catalog.js';

export type ReloadResult = { ok: true; incidents: number } | { ok: false; problems: KnowledgeProblem[] };

/** The catalog being served; a reload swaps it whole, and only when the new one is valid. */
export class CatalogHolder {
  /** why the last reload was refused (the previous catalog kept serving), for /readyz; undefined after a good one */
  private refusal: { at: string; problems: KnowledgeProblem[] } | undefined;

  constructor(
    private readonly dirs: string | readonly string[],
    private serving: Catalog,
    private readonly options: LoadCatalogOptions = {},
  ) {}

  lastRefusal(): { at: string; problems: KnowledgeProblem[] } | undefined {
    return this.refusal;
  }

  /** The /readyz detail while a refused reload leaves the previous catalog serving: when, and the first problems. */
  readinessDetails(): string[] {
    if (!this.refusal) return [];
    const shown = this.refusal.problems.slice(0, 5).map((p) => `  ${p.file}: ${p.field}: ${p.message}`);
    return [`knowledge: the reload at ${this.refusal.at} was refused, the previous knowledge base keeps serving:`, ...shown];
  }

  current(): Catalog {
    return this.serving;
  }

  async reload(): Promise<ReloadResult> {
    try {
      this.serving = await loadCatalog(this.dirs, this.options);
      this.refusal = undefined;
      return { ok: true, incidents: this.serving.incidents.length };
    } catch (error) {
      if (error instanceof KnowledgeError) {
        this.refusal = { at: new Date().toISOString(), problems: error.problems };
        return { ok: false, problems: error.problems };
      }
      throw error;
    }
  }
}
