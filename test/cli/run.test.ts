import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { memoryIo } from '../helpers/io.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';

const KOPS_LINE = 'install-cni: Unable to create token for CNI kubeconfig error=Unauthorized';

describe('kubetriage diagnose', () => {
  it('prints one JSON object per input with file, verdict and matches', async () => {
    const io = memoryIo(KOPS_LINE, { 'chat.txt': 'deploying v1.2.3 now' });
    const code = await runCli(['diagnose', '--json', '-', 'chat.txt'], io);
    expect(code).toBe(0);
    const lines = io.stdout.map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ file: '-', verdict: 'match' });
    expect(lines[0].matches[0]).toMatchObject({ id: 'kops-sa-issuer-change', matched: true, basis: 'signature' });
    expect(lines[0].matches[0].evidence[0]).toMatchObject({ line: 1, text: KOPS_LINE });
    expect(lines[1]).toMatchObject({ file: 'chat.txt', verdict: 'no-match' });
  });

  it('carries the format version, and each match its title and severity (the documented contract)', async () => {
    const io = memoryIo(KOPS_LINE);
    await runCli(['diagnose', '--json'], io);
    const line = JSON.parse(io.stdout[0] ?? '{}');
    expect(line.formatVersion).toBe(1);
    expect(Object.keys(line).slice(0, 3)).toEqual(['formatVersion', 'file', 'verdict']);
    expect(line.matches[0]).toMatchObject({ id: 'kops-sa-issuer-change', severity: 'critical' });
    expect(line.matches[0].title).toMatch(/serviceAccountIssuer|issuer/i);
    for (const match of line.matches) expect(typeof match.title).toBe('string');
  });

  it('limits candidates with --top', async () => {
    const io = memoryIo(KOPS_LINE);
    await runCli(['diagnose', '--json', '--top', '1'], io);
    expect(JSON.parse(io.stdout[0] ?? '{}').matches).toHaveLength(1);
  });

  it('prints a readable answer by default: incident, evidence, steps, sources', async () => {
    const io = memoryIo(KOPS_LINE);
    await runCli(['diagnose'], io);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/^MATCH kops-sa-issuer-change/);
    for (const heading of ['Why this matches', 'What happened', 'Do this now', 'Sources']) expect(text).toContain(heading);
  });

  it('reports unreadable input and exits non-zero, still answering the readable ones', async () => {
    const io = memoryIo('', { 'ok.txt': KOPS_LINE });
    const code = await runCli(['diagnose', '--json', 'missing.txt', 'ok.txt'], io);
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain('cannot read missing.txt: ENOENT');
    expect(io.stdout).toHaveLength(1);
  });

  it('rejects a bad --top with usage', async () => {
    const io = memoryIo(KOPS_LINE);
    expect(await runCli(['diagnose', '--top', 'lots'], io)).toBe(2);
    expect(io.stderr.join('')).toContain('--top');
  });
});

describe('kubetriage runbook', () => {
  it('finds a runbook despite typos', async () => {
    const io = memoryIo();
    expect(await runCli(['runbook', '--json', 'etcd', 'databse', 'space', 'exceded'], io)).toBe(0);
    expect(JSON.parse(io.stdout[0] ?? '{}').best.id).toBe('etcd-database-space-exceeded');
  });

  it('explains usage when no words are given', async () => {
    const io = memoryIo();
    expect(await runCli(['runbook'], io)).toBe(2);
    expect(io.stderr.join('')).toContain('usage');
  });
});

describe('kubetriage kb', () => {
  it('lint names the broken file and field and exits non-zero', async () => {
    const dir = await knowledgeDir({
      'good-one.yaml': incidentData('good-one'),
      'bad-one.yaml': incidentData('bad-one', { severity: 'huge' }),
    });
    const io = memoryIo();
    expect(await runCli(['kb', 'lint', '--kb', dir], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/bad-one\.yaml: severity: /);
  });

  it('lint refuses a regex with catastrophic backtracking', async () => {
    const signatures = [{ id: 'slow', pattern: 'timeout: (\\w+\\s?)+ happened', strength: 'decisive' }];
    const dir = await knowledgeDir({ 'slow-one.yaml': incidentData('slow-one', { signatures }) });
    const io = memoryIo();
    expect(await runCli(['kb', 'lint', '--kb', dir], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/slow-one\.yaml: signatures\.0\.pattern: .*backtrack catastrophically/);
  });

  it.each([
    ['a nested repetition', 'timeout: (\\w+\\s?)+ happened'],
    ['a repeated wildcard group', 'deadline (.*a){12} exceeded'],
    ['three unbounded wildcards', 'request failed .*a.*b.*c'],
  ])('refuses %s at load, not only in lint, within a second', async (_, pattern) => {
    const signatures = [{ id: 'slow', pattern, strength: 'decisive' }];
    const dir = await knowledgeDir({ 'slow-one.yaml': incidentData('slow-one', { signatures }) });
    const io = memoryIo(`${pattern.replace(/[\\()+?*{}.]/g, '')} ${'a'.repeat(60)}`);
    const started = performance.now();
    expect(await runCli(['diagnose', '--kb', dir], io)).toBe(2);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(io.stderr.join('\n')).toMatch(/slow-one\.yaml: signatures\.0\.pattern: .*backtrack/);
  });

  it('test fails when an example does not diagnose as its entry', async () => {
    const examples = { match: [{ text: 'something else entirely' }], noMatch: [] };
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one', { examples }) });
    const io = memoryIo();
    expect(await runCli(['kb', 'test', '--kb-base', dir], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('FAIL alpha-one examples.match[0]');
    expect(io.stdout.join('')).toContain('0 passed, 1 failed');
  });

  it('stats counts entries and flags gaps', async () => {
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    const io = memoryIo();
    expect(await runCli(['kb', 'stats', '--json', '--kb-base', dir], io)).toBe(0);
    expect(JSON.parse(io.stdout[0] ?? '{}')).toMatchObject({ incidents: 1, withoutEvidence: ['alpha-one'], tooFewExamples: ['alpha-one'] });
  });

  it('stats lists each entry below the example minimum with its reason', async () => {
    const dir = await knowledgeDir({
      'alpha-one.yaml': incidentData('alpha-one', { exampleGap: 'only one public report exists (searched issues and forums)' }),
      'beta-two.yaml': incidentData('beta-two'),
    });
    const io = memoryIo();
    expect(await runCli(['kb', 'stats', '--kb-base', dir], io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toContain('below the example minimum (4 match, 2 noMatch) (2):');
    expect(out).toMatch(/alpha-one \(\d+ match, \d+ noMatch\): only one public report exists \(searched issues and forums\)/);
    expect(out).toMatch(/beta-two \(\d+ match, \d+ noMatch\): no reason given/);
  });

  it('an unknown command prints usage', async () => {
    const io = memoryIo();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.stderr.join('')).toContain('usage: kubetriage');
  });
});

describe('kubetriage kb stats with bot activity', () => {
  it('reports hits and feedback per incident and the most frequent unmatched pastes', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { ActivityLog } = await import('../../src/activity/activity-log.js');
    const dataDir = await mkdtemp(join(tmpdir(), 'kubetriage-activity-'));
    const log = new ActivityLog(dataDir);
    const at = new Date().toISOString();
    await log.append({
      type: 'diagnosis',
      at,
      channel: 'C1',
      verdict: 'match',
      incident: 'alpha-one',
      paste: 'p1',
      sample: 'alpha-one exploded badly',
    });
    await log.append({ type: 'feedback', at, channel: 'C1', incident: 'alpha-one', paste: 'p1', outcome: 'helpful' });
    for (let i = 0; i < 3; i++)
      await log.append({
        type: 'diagnosis',
        at,
        channel: 'C1',
        verdict: 'no-match',
        incident: null,
        paste: 'p2',
        sample: 'weird thing failed',
      });
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    const io = memoryIo();
    expect(await runCli(['kb', 'stats', '--json', '--kb-base', dir, '--data', dataDir], io)).toBe(0);
    const { activity } = JSON.parse(io.stdout[0] ?? '{}');
    expect(activity.byIncident).toEqual([{ incident: 'alpha-one', hits: 1, helpful: 1, notThis: 0 }]);
    expect(activity.unmatched).toEqual([{ paste: 'p2', count: 3, sample: 'weird thing failed' }]);
  });
});

describe('kubetriage kb test progress', () => {
  it('updates a status line on a watched stderr, at most a hundred times, and clears it', async () => {
    const status: string[] = [];
    const io = { ...memoryIo(''), progress: (line: string) => status.push(line) };
    expect(await runCli(['kb', 'test'], io)).toBe(0);
    expect(status.length).toBeGreaterThan(10);
    expect(status.length).toBeLessThanOrEqual(101);
    expect(status[0]).toMatch(/^kb test: 0\/\d+ examples$/);
    expect(status.at(-1)).toBe('');
    expect(io.stdout).toEqual([expect.stringMatching(/^kb test: \d+ passed, 0 failed$/)]);
  });

  it('prints the result alone when nobody watches (a pipe, a CI log)', async () => {
    const io = memoryIo('');
    expect(await runCli(['kb', 'test'], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    expect(io.stdout).toHaveLength(1);
  });
});

describe('kubetriage --version and help', () => {
  it('prints the package version', async () => {
    const io = memoryIo('');
    expect(await runCli(['--version'], io)).toBe(0);
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(io.stdout).toEqual([`kubetriage ${version}`]);
  });

  it.each(['diagnose', 'check', 'scan', 'upgrade-check', 'clusters', 'rbac', 'runbook', 'kb'])(
    'has help of its own for %s, as --help and as help <command>',
    async (command) => {
      const flag = memoryIo('');
      expect(await runCli([command, '--help'], flag)).toBe(0);
      expect(flag.stdout.join('\n')).toMatch(new RegExp(`^usage: kubetriage ${command}\\b`));
      const word = memoryIo('');
      expect(await runCli(['help', command], word)).toBe(0);
      expect(word.stdout).toEqual(flag.stdout);
    },
  );

  it('names an unknown command asked about, with the general usage, as a usage error', async () => {
    const io = memoryIo('');
    expect(await runCli(['help', 'frobnicate'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/unknown command "frobnicate"[\s\S]*usage: kubetriage <command>/);
  });

  it('prints the general usage for --help alone, to stdout, and to stderr as an error with no command', async () => {
    const asked = memoryIo('');
    expect(await runCli(['--help'], asked)).toBe(0);
    expect(asked.stdout.join('\n')).toMatch(/^usage: kubetriage <command>/);
    const none = memoryIo('');
    expect(await runCli([], none)).toBe(2);
    expect(none.stderr.join('\n')).toMatch(/^usage: kubetriage <command>/);
  });
});
