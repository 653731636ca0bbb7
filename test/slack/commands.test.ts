import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ActivityLog, readActivity } from '../../src/activity/activity-log.js';
import { ACTION, encodeValue } from '../../src/slack/render/actions.js';
import { captureResponses, postBlockAction, postCommand, RESPONSE_HOST, slackTestContext, waitFor } from './harness.js';

const ctx = slackTestContext();

describe('slash commands', () => {
  it('ack within 3 s even when the answer behind them is slow, then answer via response_url', async () => {
    const harness = await ctx.start();
    const bodies: unknown[] = [];
    // the answer takes 4 s to be accepted: the ack must not wait for it
    nock(RESPONSE_HOST)
      .post('/commands/slow', (b: unknown) => {
        bodies.push(b);
        return true;
      })
      .delay(4000)
      .reply(200, { ok: true });
    const started = Date.now();
    const response = await postCommand(harness.url, {
      command: '/triage',
      text: 'Unable to create token for CNI kubeconfig error=Unauthorized',
      response_url: `${RESPONSE_HOST}/commands/slow`,
    });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    await waitFor(() => bodies.length === 1, 8000);
    expect(JSON.stringify(bodies[0])).toContain('kops-sa-issuer-change');
  });

  it('/runbook answers with the best runbook, typos and all', async () => {
    const harness = await ctx.start();
    const responses = captureResponses('/commands/runbook');
    await postCommand(harness.url, {
      command: '/runbook',
      text: 'corends forwarding lop',
      response_url: `${RESPONSE_HOST}/commands/runbook`,
    });
    await waitFor(() => responses.length === 1);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(responses[0])).toContain('coredns-forwarding-loop');
  });

  it('/runbook with no words answers with usage', async () => {
    const harness = await ctx.start();
    const responses = captureResponses('/commands/usage');
    await postCommand(harness.url, { command: '/runbook', text: ' ', response_url: `${RESPONSE_HOST}/commands/usage` });
    await waitFor(() => responses.length === 1);
    expect(String(responses[0]?.text)).toContain('Usage: /runbook');
  });

  it('/runbook pizza has no runbook, only what is closest; /runbook help is usage', async () => {
    const harness = await ctx.start();
    const responses = captureResponses('/commands/floor', 2);
    await postCommand(harness.url, { command: '/runbook', text: 'pizza', response_url: `${RESPONSE_HOST}/commands/floor` });
    await waitFor(() => responses.length === 1);
    expect(JSON.stringify(responses[0])).toMatch(/No runbook matches “pizza”; closest: `[a-z0-9-]+`/);
    await postCommand(harness.url, { command: '/runbook', text: 'help', response_url: `${RESPONSE_HOST}/commands/floor` });
    await waitFor(() => responses.length === 2);
    expect(String(responses[1]?.text)).toContain('Usage: /runbook');
  });

  it('/upgrade-check is registered, acked, and says it is not available yet', async () => {
    const harness = await ctx.start();
    const responses = captureResponses('/commands/upgrade');
    const response = await postCommand(harness.url, {
      command: '/upgrade-check',
      text: 'prod-eu 1.29',
      response_url: `${RESPONSE_HOST}/commands/upgrade`,
    });
    expect(response.status).toBe(200);
    await waitFor(() => responses.length === 1);
    expect(String(responses[0]?.text)).toContain('not available yet');
  });
});

describe('diagnosis buttons', () => {
  const click = (url: string, actionId: string, value: string, responsePath: string) =>
    postBlockAction(url, { type: 'button', action_id: actionId, value }, { response_url: `${RESPONSE_HOST}${responsePath}` });

  it('Helpful and Not this append feedback with incident, channel, paste hash and outcome', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kubetriage-data-'));
    const harness = await ctx.start({ activity: new ActivityLog(dataDir) });
    const responses = captureResponses('/actions/feedback');
    const value = encodeValue({ incident: 'kops-sa-issuer-change', paste: 'abc123' });
    await click(harness.url, ACTION.helpful, value, '/actions/feedback');
    await click(harness.url, ACTION.notThis, value, '/actions/feedback');
    await waitFor(() => responses.length === 2);
    const { records } = await readActivity(dataDir);
    // the two clicks are handled concurrently, so their records may land in either order
    expect(records).toHaveLength(2);
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'feedback',
          incident: 'kops-sa-issuer-change',
          channel: 'C1',
          paste: 'abc123',
          outcome: 'helpful',
        }),
        expect.objectContaining({ type: 'feedback', incident: 'kops-sa-issuer-change', outcome: 'not-this' }),
      ]),
    );
  });

  it('Show runbook answers with the full fix steps', async () => {
    const harness = await ctx.start();
    const responses = captureResponses('/actions/runbook');
    await click(harness.url, ACTION.showRunbook, encodeValue({ incident: 'etcd-database-space-exceeded' }), '/actions/runbook');
    await waitFor(() => responses.length === 1);
    const sent = JSON.stringify(responses[0]);
    expect(sent).toContain('Lasting fix');
    expect(sent).toContain('Do this now');
  });

  it('Run checks explains that cluster checks are not configured yet', async () => {
    const harness = await ctx.start();
    const responses = captureResponses('/actions/checks');
    await click(harness.url, ACTION.runChecks, encodeValue({ incident: 'kops-sa-issuer-change' }), '/actions/checks');
    await waitFor(() => responses.length === 1);
    expect(String(responses[0]?.text)).toContain('not configured');
  });
});
