import { describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../src/errors.js';
import { loadCatalog } from '../../src/triage/catalog.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';

async function problemsOf(files: Record<string, Record<string, unknown> | string>) {
  const dir = await knowledgeDir(files);
  const error = await loadCatalog(dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KnowledgeError);
  return (error as KnowledgeError).problems.map((p) => ({ ...p, file: p.file.split('/').pop() }));
}

describe('loadCatalog', () => {
  it('loads valid files and indexes their signatures', async () => {
    const kb = await loadCatalog(await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') }));
    expect([...kb.byId.keys()]).toEqual(['alpha-one']);
    expect(kb.index.signatures).toHaveLength(1);
  });

  it('names the file and field of a schema error', async () => {
    const problems = await problemsOf({ 'alpha-one.yaml': incidentData('alpha-one', { severity: 'catastrophic' }) });
    expect(problems).toEqual([expect.objectContaining({ file: 'alpha-one.yaml', field: 'severity' })]);
  });

  it('refuses a live check naming a signature the entry does not have, with file and field', async () => {
    const verification = {
      checks: [
        { check: 'live-logs', params: { namespace: 'kube-system', labelSelector: 'k8s-app=x', signatures: ['main', 'renamed-away'] } },
      ],
    };
    const problems = await problemsOf({ 'alpha-one.yaml': incidentData('alpha-one', { verification }) });
    expect(problems).toEqual([
      {
        file: 'alpha-one.yaml',
        field: 'verification.checks.0.params.signatures.1',
        message: '"renamed-away" is not a signature of alpha-one',
      },
    ]);
  });

  it('refuses a live check that names only supporting signatures, which could never find evidence', async () => {
    const signatures = [
      { id: 'main', pattern: 'alpha one failed hard', strength: 'decisive' },
      { id: 'hint', pattern: 'alpha one retrying', strength: 'supporting' },
    ];
    const check = (named: string[]) => ({
      verification: {
        checks: [{ check: 'live-logs', params: { namespace: 'kube-system', labelSelector: 'k8s-app=x', signatures: named } }],
      },
    });
    const problems = await problemsOf({ 'alpha-one.yaml': incidentData('alpha-one', { signatures, ...check(['hint']) }) });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'alpha-one.yaml',
        field: 'verification.checks.0.params.signatures',
        message: expect.stringMatching(/only supporting/),
      }),
    ]);
    const fine = await loadCatalog(
      await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one', { signatures, ...check(['hint', 'main']) }) }),
    );
    expect(fine.byId.has('alpha-one')).toBe(true);
  });

  it('rejects unknown fields', async () => {
    const problems = await problemsOf({ 'alpha-one.yaml': incidentData('alpha-one', { rootcause: 'typo of rootCause' }) });
    expect(problems[0]).toMatchObject({ file: 'alpha-one.yaml', message: expect.stringContaining('rootcause') });
  });

  it('reports YAML syntax errors with the line', async () => {
    const problems = await problemsOf({ 'alpha-one.yaml': 'id: alpha-one\ntitle: [unclosed\n' });
    expect(problems[0]).toMatchObject({ file: 'alpha-one.yaml', field: expect.stringMatching(/^line \d+/) });
  });

  it('requires the id to equal the file name', async () => {
    const problems = await problemsOf({ 'alpha-one.yaml': incidentData('alpha-two') });
    expect(problems[0]).toMatchObject({ field: 'id', message: expect.stringContaining('alpha-one') });
  });

  it('rejects duplicate ids across files', async () => {
    const problems = await problemsOf({ 'alpha-one.yaml': incidentData('alpha-one'), 'alpha-one.yml': incidentData('alpha-one') });
    expect(problems.some((p) => p.field === 'id' && p.message.includes('duplicate'))).toBe(true);
  });

  it('rejects regexes that do not compile, naming the signature field', async () => {
    const signatures = [{ id: 'bad', pattern: 'unclosed (group', strength: 'decisive' }];
    const problems = await problemsOf({ 'alpha-one.yaml': incidentData('alpha-one', { signatures }) });
    expect(problems[0]).toMatchObject({ field: 'signatures.0.pattern', message: expect.stringContaining('does not compile') });
  });

  it('rejects signatures without a literal to pre-filter on', async () => {
    const signatures = [{ id: 'vague', pattern: '\\w+ \\d+', strength: 'strong' }];
    const problems = await problemsOf({ 'alpha-one.yaml': incidentData('alpha-one', { signatures }) });
    expect(problems[0]).toMatchObject({ field: 'signatures.0.pattern', message: expect.stringContaining('literal') });
  });

  it('rejects semver ranges that are not ranges', async () => {
    const problems = await problemsOf({
      'alpha-one.yaml': incidentData('alpha-one', { versions: [{ component: 'kubernetes', range: 'one point two' }] }),
    });
    expect(problems[0]).toMatchObject({ field: 'versions.0.range' });
  });
});
