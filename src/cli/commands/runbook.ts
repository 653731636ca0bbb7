import { findRunbook, isHelpQuery } from '../../diagnose/runbook.js';
import type { Catalog } from '../../triage/catalog.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { renderRunbookText } from '../render/runbook-text.js';
import { terminalStyle } from '../render/terminal-style.js';

export function runbookCommand(words: string[], json: boolean, kb: Catalog, io: CliIo): number {
  const query = words.join(' ').trim();
  if (!query || isHelpQuery(query)) {
    io.err('usage: kubetriage runbook <words…>   e.g. kubetriage runbook calico unauthorized');
    return EXIT.usage;
  }
  const result = findRunbook(query, kb);
  if (json) {
    io.out(
      JSON.stringify({
        query,
        best: result.best
          ? { id: result.best.incident.id, score: result.best.score, title: result.best.incident.title, fix: result.best.incident.fix }
          : null,
        alternatives: result.alternatives.map((a) => ({ id: a.incident.id, score: a.score, title: a.incident.title })),
        closest: (result.closest ?? []).map((a) => ({ id: a.incident.id, score: a.score })),
      }),
    );
  } else {
    io.out(renderRunbookText(result, terminalStyle(io.isTty)));
  }
  // no runbook is an answer ("nothing found"), not an error
  return EXIT.ok;
}
