/**
 * How well the lexical neighbours name an entry from text they were not built from: each match
 * example of the bundled knowledge is queried against an index built without that example, and
 * counted when its own entry comes first or in the first three. The verdict never comes from
 * this ranker (signatures decide); it is what a "no match — closest known" list is worth.
 * Run: npx tsx scripts/lexical-leave-one-out.ts
 */
import { buildLexicalIndex } from '../src/diagnose/lexical.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/knowledge/default-dir.js';
import type { Incident } from '../src/knowledge/schema.js';
import { loadCatalog } from '../src/triage/catalog.js';

const { incidents } = await loadCatalog(BUNDLED_KNOWLEDGE_DIR);
const without = (owner: number, example: number): Incident[] =>
  incidents.map((incident, i) =>
    i !== owner
      ? incident
      : { ...incident, examples: { ...incident.examples, match: incident.examples.match.filter((_, j) => j !== example) } },
  );

let queries = 0;
let first = 0;
let inTop3 = 0;
let unanswered = 0;
incidents.forEach((incident, i) => {
  incident.examples.match.forEach((example, j) => {
    const named = buildLexicalIndex(without(i, j)).closest(example.text.split('\n'), new Set(), 3);
    queries++;
    if (named.length === 0) unanswered++;
    if (named[0] === incident.id) first++;
    if (named.includes(incident.id)) inTop3++;
  });
});
const percent = (n: number) => `${((100 * n) / queries).toFixed(1)} %`;
console.log(
  `${queries} examples: own entry first ${percent(first)}, in the first three ${percent(inTop3)}, no neighbour named ${percent(unanswered)}`,
);
