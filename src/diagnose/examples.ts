import { diagnose } from '../diagnose/diagnose.js';
import type { Incident } from '../knowledge/schema.js';
import type { MatcherSnapshot } from './matcher.js';

export interface ExampleFailure {
  incident: string;
  kind: 'match' | 'noMatch';
  index: number;
  expected: string;
  got: string;
  excerpt: string;
}

export interface ExampleReport {
  checked: number;
  failures: ExampleFailure[];
}

/** Every entry's examples are its regression tests: match texts must name it, noMatch texts must not. */
export function runExamples(
  kb: MatcherSnapshot & { incidents: Incident[] },
  onlyId?: string,
  onProgress?: (done: number, total: number) => void,
): ExampleReport {
  const failures: ExampleFailure[] = [];
  let checked = 0;
  const chosen = kb.incidents.filter((incident) => !onlyId || incident.id === onlyId);
  const total = chosen.reduce((n, incident) => n + incident.examples.match.length + incident.examples.noMatch.length, 0);
  for (const incident of chosen) {
    onProgress?.(checked, total);
    const excerpt = (text: string) => text.trim().split('\n')[0]?.slice(0, 120) ?? '';
    incident.examples.match.forEach((example, index) => {
      checked++;
      const result = diagnose(example.text, kb);
      const top = result.matches[0];
      if (result.verdict !== 'match' || top?.id !== incident.id) {
        const got = top ? `${result.verdict}: ${top.id} (${top.score})` : `${result.verdict}`;
        failures.push({
          incident: incident.id,
          kind: 'match',
          index,
          expected: `match: ${incident.id}`,
          got,
          excerpt: excerpt(example.text),
        });
      }
    });
    incident.examples.noMatch.forEach((example, index) => {
      checked++;
      const result = diagnose(example.text, kb);
      // a second, independent match counts too: the answer would still name this entry
      const named = result.matches.find((m) => m.matched && m.id === incident.id);
      if (result.verdict === 'match' && named) {
        failures.push({
          incident: incident.id,
          kind: 'noMatch',
          index,
          expected: `not ${incident.id}`,
          got: `match: ${incident.id} (${named.score})`,
          excerpt: excerpt(example.text),
        });
      }
    });
  }
  return { checked, failures };
}
