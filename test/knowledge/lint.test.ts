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

describe('a regex that spells out an IPv4 address', () => {
  it('is reported with its file and field: normalisation shows the address as <ip>, so the regex cannot match it', async () => {
    const { readIncidentFiles } = await import('../../src/knowledge/load.js');
    const { lintIncidents } = await import('../../src/knowledge/lint.js');
    const { incidentData, knowledgeDir } = await import('../helpers/kb.js');
    const { normalizePaste } = await import('../../src/diagnose/normalize.js');
    const stub = 'lookup registry-1.docker.io on 127\\.0\\.0\\.53:53: server misbehaving';
    // the premise: the canonical text a signature reads has no such address left
    const canonical = normalizePaste('lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving').canonicalText;
    expect(new RegExp(stub, 'i').test(canonical)).toBe(false);
    const dir = await knowledgeDir({
      'alpha-one.yaml': incidentData('alpha-one', {
        signatures: [
          { id: 'main', pattern: 'alpha-one exploded badly', strength: 'decisive' },
          { id: 'stub', pattern: 'server misbehaving', strength: 'supporting', requires: [stub] },
          { id: 'placeholder', pattern: 'dial tcp <ip>:6443: connect: connection refused', strength: 'supporting' },
        ],
      }),
    });
    const { files } = await readIncidentFiles(dir);
    const problems = lintIncidents(files, { authoringMinimums: false });
    expect(problems).toEqual([
      expect.objectContaining({
        file: expect.stringContaining('alpha-one.yaml'),
        field: 'signatures.1.requires.0',
        message: expect.stringMatching(/127\.0\.0\.53.*<ip>/),
      }),
    ]);
  });

  it('is told apart from versions and ports, which normalisation keeps', async () => {
    const { normalisedAway } = await import('../../src/knowledge/lint.js');
    expect(normalisedAway('kubernetes v1\\.28\\.3 is not supported')).toBeUndefined();
    expect(normalisedAway('dial tcp <ip>:10250: i/o timeout')).toBeUndefined();
    expect(normalisedAway('nameserver 10.0.2.15')).toMatch(/10\.0\.2\.15/);
  });
});
