import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { findRunbook, isHelpQuery, RUNBOOK_FLOOR } from '../../src/diagnose/runbook.js';
import { renderRunbookSearch } from '../../src/slack/render/runbook-blocks.js';
import { memoryIo } from '../helpers/io.js';
import { shippedKnowledge } from '../helpers/kb.js';

describe('runbook search with a relevance floor', () => {
  it.each(['pizza', 'lunch order', 'weather today', 'hello there'])('"%s" is no runbook, only "closest"', async (query) => {
    const result = findRunbook(query, await shippedKnowledge());
    expect(result.best).toBeUndefined();
    expect(result.closest?.length).toBeGreaterThan(0);
    expect(result.closest?.every((c) => c.score < 1)).toBe(true);
  });

  it.each([
    ['corends forwarding lop', 'coredns-forwarding-loop'],
    ['calico unauthorized', 'calico-cni-token-unauthorized'],
    ['etcd nospace', 'etcd-database-space-exceeded'],
    ['helm', 'helm-another-operation-in-progress'],
    ['kops issuer', 'kops-sa-issuer-change'],
  ])('"%s" (typos included) still finds %s, above the floor', async (query, id) => {
    const result = findRunbook(query, await shippedKnowledge());
    expect(result.best?.incident.id).toBe(id);
    expect(result.best?.score).toBeGreaterThanOrEqual(RUNBOOK_FLOOR);
  });

  it('"help" asks for usage, in Slack and on the CLI', async () => {
    expect(isHelpQuery('help')).toBe(true);
    expect(isHelpQuery('helm')).toBe(false);
    const io = memoryIo();
    expect(await runCli(['runbook', 'help'], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/^usage: kubetriage runbook/);
  });

  it('says what is closest, in both renderers', async () => {
    const result = findRunbook('pizza', await shippedKnowledge());
    const slack = JSON.stringify(renderRunbookSearch(result).blocks);
    expect(slack).toMatch(/No runbook matches “pizza”; closest: `[a-z0-9-]+`/);
    const io = memoryIo();
    await runCli(['runbook', 'pizza'], io);
    expect(io.stdout.join('')).toMatch(/^No runbook matches "pizza"; closest: [a-z0-9-]+/);
  });
});
