import { KnowledgeError, type KnowledgeProblem } from '../errors.js';
import { type KnowledgeBase, loadKnowledge } from './load.js';

export type ReloadResult = { ok: true; incidents: number } | { ok: false; problems: KnowledgeProblem[] };

/** The knowledge base being served; a reload swaps it only when the new one is valid. */
export class KnowledgeHolder {
  constructor(
    private readonly dir: string,
    private serving: KnowledgeBase,
  ) {}

  current(): KnowledgeBase {
    return this.serving;
  }

  async reload(): Promise<ReloadResult> {
    try {
      this.serving = await loadKnowledge(this.dir);
      return { ok: true, incidents: this.serving.incidents.length };
    } catch (error) {
      if (error instanceof KnowledgeError) return { ok: false, problems: error.problems };
      throw error;
    }
  }
}
