import { describe, expect, it } from 'vitest';
import { redosProblem } from '../../src/knowledge/lint.js';

describe('redosProblem', () => {
  it.each(['(a+)+$', '(\\w+\\s?)+x', '(.*a){12}'])('refuses catastrophic backtracking in %s', (pattern) => {
    expect(redosProblem(pattern)).toMatch(/backtrack/);
  });

  it.each(['\\bfoo(?=bar)', '(a)\\1'])('refuses lookarounds and backreferences in %s', (pattern) => {
    expect(redosProblem(pattern)).toMatch(/not allowed/);
  });

  it.each(['failed to create etcd client for external etcd: open \\S+\\.pem', 'error (getting|waiting for) pod: unauthorized'])(
    'accepts the linear pattern %s',
    (pattern) => {
      expect(redosProblem(pattern)).toBeUndefined();
    },
  );
});

describe('lintIncidents', () => {
  it('reports references to unknown incidents and too few examples', async () => {
    const { readIncidentFiles } = await import('../../src/knowledge/load.js');
    const { lintIncidents } = await import('../../src/knowledge/lint.js');
    const { incidentData, knowledgeDir } = await import('../helpers/kb.js');
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one', { specializes: ['nowhere'] }) });
    const { files } = await readIncidentFiles(dir);
    const fields = lintIncidents(files).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['specializes.0', 'examples.match', 'examples.noMatch', 'sources']));
  });
});
