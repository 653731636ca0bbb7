/**
 * kb new on three real pastes of different shapes (a klog line, kubectl describe events, a JSON
 * log): the scaffold is refused by kb lint until a person fills it, then passes kb lint and kb
 * test as a team folder, and its signatures fire on no bundled look-alike and no `none` case of
 * the eval set.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ActivityLog } from '../../src/activity/activity-log.js';
import { runCli } from '../../src/cli/run.js';
import { normalizePaste } from '../../src/diagnose/normalize.js';
import { SCAFFOLD_MARKER } from '../../src/knowledge/lint.js';
import { memoryIo } from '../helpers/io.js';
import { shippedKnowledge } from '../helpers/kb.js';

const fixture = (name: string) => readFile(new URL(`../fixtures/team-pastes/${name}`, import.meta.url), 'utf8');
const PASTES = ['cluster-autoscaler-klog.txt', 'argo-rollouts-events.txt', 'external-secrets-json.txt'];

/** What a person writes in place of each placeholder. */
function fill(value: unknown): unknown {
  if (typeof value === 'string') return value.includes(SCAFFOLD_MARKER) ? 'Written by the platform team from the incident review.' : value;
  if (Array.isArray(value)) return value.map(fill);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
  return value;
}

async function noneCases(): Promise<string[]> {
  const lines = (await readFile(new URL('../../eval/dev-cases.jsonl', import.meta.url), 'utf8')).split('\n').filter(Boolean);
  return lines
    .map((l) => JSON.parse(l) as { expect: string; text: string })
    .filter((c) => c.expect === 'none')
    .map((c) => c.text);
}

describe('kb new --from-paste', () => {
  it.each(PASTES)('%s: scaffold, fill, then kb lint and kb test pass; no signature fires on a look-alike', async (name) => {
    const paste = await fixture(name);
    const team = await mkdtemp(join(tmpdir(), 'kubetriage-team-'));
    const io = memoryIo('', { [name]: paste });
    expect(await runCli(['kb', 'new', '--from-paste', name, '--dir', team], io)).toBe(0);
    const written = /^wrote (\S+):/.exec(io.stdout[0] ?? '')?.[1] as string;
    expect(written.startsWith(join(team, 'incidents'))).toBe(true);

    // as scaffolded, lint refuses it and names the fields a person must write
    const unfilled = memoryIo();
    expect(await runCli(['kb', 'lint', '--kb', team], unfilled)).toBe(1);
    expect(unfilled.stderr.join('\n')).toMatch(/: rootCause: still the scaffold's placeholder/);
    expect(unfilled.stderr.join('\n')).toMatch(/: sources\.0\.title: still the scaffold's placeholder/);

    const entry = fill(yaml.load(await readFile(written, 'utf8'))) as {
      signatures: Array<{ pattern: string }>;
      examples: { match: Array<{ text: string }> };
    };
    await writeFile(written, yaml.dump(entry));
    const lint = memoryIo();
    expect(await runCli(['kb', 'lint', '--kb', team], lint), lint.stderr.join('\n')).toBe(0);
    const test = memoryIo();
    expect(await runCli(['kb', 'test', '--kb', team], test), test.stderr.join('\n')).toBe(0);

    // the paste is its example, redacted, and the signatures are for the mechanism, not this paste
    expect(entry.examples.match[0]?.text.length).toBeGreaterThan(50);
    const patterns = entry.signatures.map((s) => new RegExp(s.pattern, 'i'));
    expect(patterns.length).toBeGreaterThan(0);
    const lookAlikes = [
      ...(await shippedKnowledge()).incidents.flatMap((i) => i.examples.noMatch.map((e) => e.text)),
      ...(await noneCases()),
    ];
    const fired = lookAlikes.filter((text) => normalizePaste(text).canonical.some((line) => patterns.some((p) => p.test(line))));
    expect(fired).toEqual([]);
  });

  it('generalises what varies: the age and source of an event, revisions, counts, quoted names', async () => {
    const io = memoryIo('', { 'events.txt': await fixture('argo-rollouts-events.txt') });
    await runCli(['kb', 'new', '--from-paste', 'events.txt'], io);
    const entry = yaml.load(io.stdout.join('\n')) as { signatures: Array<{ pattern: string }> };
    const [pattern] = entry.signatures.map((s) => s.pattern);
    // the event's age and source column are not in the signature, the revision and counts are numbers
    expect(pattern).toMatch(/^rollout aborted update to revision \[\\d\.\]\+/);
    expect(pattern).toContain('metric "[^"]*" assessed failed');
    const other =
      'Warning  RolloutAborted  5m  rollouts-controller  Rollout aborted update to revision 12: Metric "error-rate" assessed Failed due to failed (5) > failureLimit (4)';
    // the same error on another revision, metric and threshold, at another age, is the same incident
    const fires = (text: string) => normalizePaste(text).canonical.some((l) => new RegExp(pattern as string, 'i').test(l));
    expect(fires(other)).toBe(true);
    expect(fires('Warning  RolloutAborted  5m  rollouts-controller  Rollout aborted by user')).toBe(false);
  });

  it('says so when the paste is already a known incident, and refuses to overwrite an entry', async () => {
    const kops =
      '2023-09-12 08:14:01.123 [ERROR][1] cni-installer/<nil> <nil>: Unable to create token for CNI kubeconfig error=Unauthorized';
    const team = await mkdtemp(join(tmpdir(), 'kubetriage-team-'));
    const first = memoryIo('', { 'kops.txt': kops });
    expect(await runCli(['kb', 'new', '--from-paste', 'kops.txt', '--dir', team, '--id', 'our-kops'], first)).toBe(0);
    expect(first.stderr.join('\n')).toMatch(
      /already diagnoses as kops-sa-issuer-change: add it there as an example, or give this entry "replaces: kops-sa-issuer-change"/,
    );
    const again = memoryIo('', { 'kops.txt': kops });
    expect(await runCli(['kb', 'new', '--from-paste', 'kops.txt', '--dir', team, '--id', 'our-kops'], again)).toBe(2);
    expect(again.stderr.join('\n')).toMatch(/exists: kb new never overwrites an entry/);
  });

  it('a paste with no error line, or neither source, is a usage error', async () => {
    const io = memoryIo('', { 'chat.txt': 'deploying v1.2.3 now, ping me if anything looks odd' });
    expect(await runCli(['kb', 'new', '--from-paste', 'chat.txt'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/no error-bearing line/);
    const none = memoryIo();
    expect(await runCli(['kb', 'new'], none)).toBe(2);
  });
});

describe('kb new --from-unmatched', () => {
  it('scaffolds from the redacted sample the bot kept for an unmatched paste, by fingerprint prefix', async () => {
    const data = await mkdtemp(join(tmpdir(), 'kubetriage-data-'));
    const log = new ActivityLog(data);
    const sample = 'Rollout aborted update to revision 5: Metric "success-rate" assessed Failed due to failed (3) > failureLimit (2)';
    for (const at of ['2026-12-01T09:00:00Z', '2026-12-01T09:05:00Z'])
      await log.append({
        type: 'diagnosis',
        at,
        channel: 'C1',
        verdict: 'no-match',
        incident: null,
        paste: '9f86d081884c7d659a2feaa0c55ad015',
        sample,
      });
    const stats = memoryIo();
    await runCli(['kb', 'stats', '--data', data], stats);
    expect(stats.stdout.join('\n')).toMatch(/most frequent unmatched pastes:\n {2}2× 9f86d081884c {2}Rollout aborted/);
    const io = memoryIo();
    expect(await runCli(['kb', 'new', '--from-unmatched', '9f86d081884c', '--data', data], io)).toBe(0);
    expect((yaml.load(io.stdout.join('\n')) as { examples: { match: Array<{ text: string }> } }).examples.match[0]?.text).toBe(sample);
    const unknown = memoryIo();
    expect(await runCli(['kb', 'new', '--from-unmatched', 'ffff', '--data', data], unknown)).toBe(2);
    expect(unknown.stderr.join('\n')).toMatch(/no unmatched paste with fingerprint ffff/);
  });
});
