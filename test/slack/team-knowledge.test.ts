import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.js';
import { ACTION, encodeValue } from '../../src/slack/render/actions.js';
import { loadCatalog } from '../../src/triage/catalog.js';
import { incidentData, knowledgeDir, shippedKnowledge } from '../helpers/kb.js';
import {
  capturePosts,
  captureResponses,
  type Harness,
  logged,
  messageEvent,
  postBlockAction,
  postEvent,
  postViewSubmission,
  RESPONSE_HOST,
  startHarness,
  waitFor,
} from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  nock.cleanAll();
});

describe('the bot with a team knowledge folder', () => {
  it('answers a team incident and a bundled one from the same catalog', async () => {
    const team = await knowledgeDir({
      'acme-gateway-pool-exhausted.yaml': incidentData('acme-gateway-pool-exhausted', {
        title: 'ACME gateway: an upstream pool is exhausted',
        signatures: [{ id: 'pool-exhausted', pattern: 'acme-gateway: upstream pool "[a-z-]+" exhausted', strength: 'decisive' }],
        examples: { match: [{ text: 'acme-gateway: upstream pool "payments" exhausted after 3 retries' }] },
      }),
    });
    harness = await startHarness(await loadCatalog([BUNDLED_KNOWLEDGE_DIR, team]));
    const { posts } = capturePosts(2);
    await postEvent(harness.url, messageEvent('acme-gateway: upstream pool "payments" exhausted after 3 retries'));
    await postEvent(
      harness.url,
      messageEvent('install-cni: Unable to create token for CNI kubeconfig error=Unauthorized', { ts: '1700000000.000777' }),
    );
    await waitFor(() => posts.length === 2);
    const sent = posts.map((p) => JSON.stringify(p.blocks));
    expect(sent.some((b) => b.includes('acme-gateway-pool-exhausted'))).toBe(true);
    expect(sent.some((b) => b.includes('kops-sa-issuer-change'))).toBe(true);
  });
});

describe('from a paste the bot could not answer to a team incident', () => {
  const authoring = { authors: ['UAUTHOR'], command: (fp: string) => `kubetriage kb new --from-unmatched ${fp} --data /data --dir /team` };
  const UNKNOWN = 'acme-gateway: upstream pool "payments" exhausted after 3 retries';

  it('a no-match reply offers "Add as a team incident" when knowledge authors are configured, and only then', async () => {
    harness = await startHarness(await shippedKnowledge(), { teamAuthoring: authoring });
    const { posts } = capturePosts(1);
    await postEvent(harness.url, messageEvent(UNKNOWN, { channel: 'D1', channel_type: 'im' }));
    await waitFor(() => posts.length === 1);
    expect(JSON.stringify(posts[0]?.blocks)).toContain(ACTION.addTeamIncident);
    await harness.stop();
    harness = await startHarness(await shippedKnowledge());
    const without = capturePosts(1);
    await postEvent(harness.url, messageEvent(UNKNOWN, { channel: 'D1', channel_type: 'im' }));
    await waitFor(() => without.posts.length === 1);
    expect(JSON.stringify(without.posts[0]?.blocks)).not.toContain(ACTION.addTeamIncident);
  });

  it('an author who clicks gets the kb new command with the fingerprint; anyone else is told who can', async () => {
    harness = await startHarness(await shippedKnowledge(), { teamAuthoring: authoring });
    const value = encodeValue({ incident: '', paste: '9f86d081884c7d659a2feaa0c55ad015' });
    const author = captureResponses('/actions/author');
    await postBlockAction(
      harness.url,
      { type: 'button', action_id: ACTION.addTeamIncident, value },
      { response_url: `${RESPONSE_HOST}/actions/author`, user: { id: 'UAUTHOR' } },
    );
    await waitFor(() => author.length === 1);
    expect(author[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(String(author[0]?.text)).toContain('kubetriage kb new --from-unmatched 9f86d081884c --data /data --dir /team');
    const other = captureResponses('/actions/other');
    await postBlockAction(
      harness.url,
      { type: 'button', action_id: ACTION.addTeamIncident, value },
      { response_url: `${RESPONSE_HOST}/actions/other`, user: { id: 'U1' } },
    );
    await waitFor(() => other.length === 1);
    expect(String(other[0]?.text)).toMatch(/^Only the knowledge authors can add a team incident .*fingerprint: 9f86d081884c$/);
    expect(String(other[0]?.text)).not.toContain('kb new');
  });

  it('"Not this" asks what it was; an author who picks "none of these" gets the kb new command, and the pick is stored', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { ActivityLog, readActivity } = await import('../../src/activity/activity-log.js');
    const data = await mkdtemp(join(tmpdir(), 'kubetriage-data-'));
    harness = await startHarness(await shippedKnowledge(), { teamAuthoring: authoring, activity: new ActivityLog(data) });
    const responses = captureResponses('/actions/not-this');
    const value = encodeValue({ incident: 'kops-sa-issuer-change', paste: 'abc123def4567890' });
    await postBlockAction(
      harness.url,
      { type: 'button', action_id: ACTION.notThis, value },
      { response_url: `${RESPONSE_HOST}/actions/not-this`, user: { id: 'UAUTHOR' } },
    );
    await waitFor(() => responses.length === 1);
    const picker = JSON.stringify(responses[0]?.blocks);
    expect(picker).toContain('What was it?');
    expect(picker).toContain(ACTION.correction);
    expect(picker).toContain('bound-sa-token-stale-client'); // one of the entries kops-sa-issuer-change names as related
    const none = encodeValue({ incident: 'kops-sa-issuer-change', paste: 'abc123def4567890', correction: 'new' });
    const picked = captureResponses('/actions/picked');
    await postBlockAction(
      harness.url,
      { type: 'static_select', action_id: ACTION.correction, selected_option: { text: { type: 'plain_text', text: 'None' }, value: none } },
      { response_url: `${RESPONSE_HOST}/actions/picked`, user: { id: 'UAUTHOR' } },
    );
    await waitFor(() => picked.length === 1);
    expect(String(picked[0]?.text)).toMatch(
      /^Noted: it was none of the known incidents\. Thanks\. .*kb new --from-unmatched abc123def456/s,
    );
    const { records } = await readActivity(data);
    expect(records).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'feedback', outcome: 'not-this', correction: 'new', user: 'UAUTHOR' })]),
    );

    // or "Describe it": a modal, whose text is stored redacted
    const opened: Array<Record<string, unknown>> = [];
    nock('https://slack.test')
      .post('/api/views.open', (b: Record<string, unknown>) => {
        opened.push(b);
        return true;
      })
      .reply(200, { ok: true, view: { id: 'V1' } });
    await postBlockAction(
      harness.url,
      { type: 'button', action_id: ACTION.describe, value },
      { response_url: `${RESPONSE_HOST}/actions/describe`, user: { id: 'U2' }, trigger_id: 'trig.describe' },
    );
    await waitFor(() => opened.length === 1);
    expect(opened[0]?.trigger_id).toBe('trig.describe');
    const view = JSON.parse(String(opened[0]?.view)) as { callback_id: string; private_metadata: string };
    await postViewSubmission(
      harness.url,
      {
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: {
          values: {
            note: {
              note: {
                type: 'plain_text_input',
                value: 'our proxy rotated its CA; token ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 was fine',
              },
            },
          },
        },
      },
      'U2',
    );
    await logged(harness, 'correction recorded', 2);
    const described = (await readActivity(data)).records.find((r) => r.type === 'feedback' && r.correction === 'described');
    expect(described).toMatchObject({ user: 'U2', incident: 'kops-sa-issuer-change' });
    const note = described?.type === 'feedback' ? (described.note ?? '') : '';
    expect(note).toContain('our proxy rotated its CA');
    expect(note).not.toContain('ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8');
  });
});
