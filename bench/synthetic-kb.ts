import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { Incident } from '../src/knowledge/schema.js';

/** A made-up word that appears in no real log, so synthetic signatures stay distinct and silent. */
function token(i: number): string {
  return `zq${i.toString(36)}x`;
}

/**
 * A knowledge folder of `count` incidents shaped like the real ones: each clones a real entry and
 * plants a unique token in every literal, so the index is as large and varied as a real one of
 * that size while the real entries still decide what matches.
 */
export async function writeSyntheticKnowledge(real: Incident[], count: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `kubetriage-bench-${count}-`));
  await mkdir(join(dir, 'incidents'));
  const writes: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const base = real[i % real.length] as Incident;
    const isReal = i < real.length;
    const id = isReal ? base.id : `${base.id}-synthetic-${i}`;
    const incident = isReal
      ? base
      : {
          ...base,
          id,
          specializes: [],
          related: [],
          // every term gets the token, so each synthetic signature has literals of its own; a fact
          // signature is told apart by the object name it asks for
          signatures: base.signatures.map((s) =>
            s.pattern !== undefined
              ? { ...s, pattern: `${token(i)} ${s.pattern}` }
              : s.all !== undefined
                ? { ...s, all: s.all.map((term) => `${token(i)} ${term}`) }
                : { ...s, fact: { ...s.fact, name: `${token(i)}-${s.fact?.name ?? 'object'}` } },
          ),
          keywords: base.keywords.map((k) => `${k} ${token(i)}`),
          examples: { match: [{ text: `${token(i)} synthetic example` }], noMatch: [] },
        };
    writes.push(writeFile(join(dir, 'incidents', `${id}.yaml`), yaml.dump(incident)));
  }
  await Promise.all(writes);
  return dir;
}
