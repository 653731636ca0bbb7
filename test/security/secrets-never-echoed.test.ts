import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActivityLog } from '../../src/activity/activity-log.js';
import { runCli } from '../../src/cli/run.js';
import { normalizePaste } from '../../src/diagnose/normalize.js';
import { SECRET_SHAPES } from '../fixtures/secrets.js';
import { memoryIo } from '../helpers/io.js';
import { capturePosts, messageEvent, postEvent, slackTestContext, waitFor } from '../slack/harness.js';

/** A known error (the kOps seed) so every paste is a confident match that echoes evidence. */
const KNOWN = 'calico-node-x7k2p install-cni: Unable to create token for CNI kubeconfig error=Unauthorized';

/** The same shape as a JSON log line and inside backticks, where escapes and quotes change it. */
const variants = (line: string) => [line, `\`${line}\``, JSON.stringify({ level: 'error', msg: `${KNOWN} ${line}` })];

const ctx = slackTestContext();

/** What a terminal does to a long line: cut every `width` characters, mid-word or not. */
const cutEvery = (line: string, width: number) => (line.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join('\n');

describe('a secret a terminal cut never comes back out', () => {
  // every single-line shape, cut at every position inside its secret: as the only line long
  // enough to be cut (no wrap width shows), and with a second line cut at the same width
  it.each(SECRET_SHAPES.filter((s) => !s.line.includes('\n')).map((s) => [s.rule, s.line, s.secret]))('%s (%s)', (_, shape, secret) => {
    const line = `E0101 00:00:00.000000 1 pull.go:12] request failed: ${shape}`;
    const start = line.indexOf(secret);
    for (let width = Math.max(60, start + 1); width < start + secret.length; width++) {
      for (const text of [
        `short line\n${cutEvery(line, width)}`,
        `${cutEvery(line, width)}\n${cutEvery(line.replace('request', 'requests'), width)}`,
      ]) {
        const paste = normalizePaste(text);
        const shown = [...paste.display, ...paste.canonical, ...paste.alternates.flatMap((a) => [a.display, a.canonical])]
          .join('\n')
          .toLowerCase();
        for (let k = 0; k + 8 <= secret.length; k++) expect(shown, `cut at ${width}`).not.toContain(secret.slice(k, k + 8).toLowerCase());
      }
    }
  });
});

describe('a planted secret never comes back out', () => {
  it.each(SECRET_SHAPES.map((s) => [s.rule, s.line, s.secret]))('diagnose --json and text output: %s (%s)', async (_, line, secret) => {
    for (const variant of variants(line)) {
      const paste = `${KNOWN}\n${variant}\n`;
      const json = memoryIo(paste);
      expect(await runCli(['diagnose', '--json'], json)).toBe(0);
      const out = json.stdout.join('\n');
      expect(JSON.parse(out)).toMatchObject({ verdict: 'match' });
      expect(JSON.parse(out).matches[0]).toMatchObject({ id: 'kops-sa-issuer-change' });
      expect(out).not.toContain(secret);
      expect(JSON.parse(out).input.redactions).toBeGreaterThan(0);
      const text = memoryIo(paste);
      await runCli(['diagnose'], text);
      expect([...text.stdout, ...text.stderr].join('\n')).not.toContain(secret);
      expect(text.stdout.join('\n')).toMatch(/delete it, and rotate what it exposed/);
    }
  });

  it('Slack reply, logs and activity data hold none of the secrets, and the reply says to delete and rotate', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kubetriage-activity-'));
    const activity = new ActivityLog(dataDir);
    const harness = await ctx.start({ activity });
    const { posts } = capturePosts(1);
    const paste = [KNOWN, ...SECRET_SHAPES.map((s) => s.line)].join('\n');
    await postEvent(harness.url, messageEvent(paste, { channel_type: 'im', channel: 'D1' }));
    await waitFor(() => posts.length === 1);
    await waitFor(() => existsSync(activity.path) && readFileSync(activity.path, 'utf8').endsWith('\n'));
    const sent = JSON.stringify(posts);
    const logs = harness.logs.join('\n');
    const stored = await readFile(activity.path, 'utf8');
    expect(sent).toContain('kops-sa-issuer-change');
    expect(sent).toContain('rotate what it exposed');
    for (const { secret } of SECRET_SHAPES) {
      expect(sent, 'Slack reply').not.toContain(secret);
      expect(logs, 'logs').not.toContain(secret);
      expect(stored, 'activity').not.toContain(secret);
    }
  });
});
