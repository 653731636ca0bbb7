import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { PLANTED } from '../fixtures/secrets.js';
import { capturePosts, logged, messageEvent, postEvent, sign, slackTestContext, waitFor } from './harness.js';

const KOPS = 'calico-node-abcde install-cni: Unable to create token for CNI kubeconfig error=Unauthorized';

const ctx = slackTestContext();

describe('HTTP mode: signed events', () => {
  it('a valid signature gets 200 and exactly one threaded reply naming the incident', async () => {
    const harness = await ctx.start();
    const { posts } = capturePosts(2);
    const response = await postEvent(harness.url, messageEvent(KOPS, { ts: '1700000000.111111' }));
    expect(response.status).toBe(200);
    await logged(harness, 'paste handled');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ channel: 'C1', thread_ts: '1700000000.111111', unfurl_links: 'false' });
    expect(JSON.stringify(posts[0]?.blocks)).toContain('kops-sa-issuer-change');
  });

  it('a forged signature gets 401 and no reply', async () => {
    const harness = await ctx.start();
    const { posts } = capturePosts();
    const body = messageEvent(KOPS);
    const response = await postEvent(harness.url, body, sign(body, undefined, 'not-the-secret'));
    // refused before any listener ran: the 401 is the end of it
    expect(response.status).toBe(401);
    expect(harness.logs.some((l) => l.includes('paste handled'))).toBe(false);
    expect(posts).toHaveLength(0);
  });

  it('a timestamp older than 5 minutes is rejected', async () => {
    const harness = await ctx.start();
    const { posts } = capturePosts();
    const body = messageEvent(KOPS);
    const response = await postEvent(harness.url, body, sign(body, Math.floor(Date.now() / 1000) - 6 * 60));
    expect(response.status).toBe(401);
    expect(harness.logs.some((l) => l.includes('paste handled'))).toBe(false);
    expect(posts).toHaveLength(0);
  });

  it('a Slack retry of the same event produces exactly one reply', async () => {
    const harness = await ctx.start();
    const { posts } = capturePosts(3);
    const body = messageEvent(KOPS, {}, 'EvRetried');
    await postEvent(harness.url, body);
    await postEvent(harness.url, body, { ...sign(body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await postEvent(harness.url, body, { ...sign(body), 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' });
    await logged(harness, 'paste handled');
    await logged(harness, 'event ignored', 2);
    expect(posts).toHaveLength(1);
  });

  it('the same paste twice in one thread within 10 minutes gets one reply', async () => {
    const harness = await ctx.start();
    const { posts } = capturePosts(2);
    await postEvent(harness.url, messageEvent(KOPS, { thread_ts: '1700000000.999999', ts: '1700000001.000001' }));
    await postEvent(harness.url, messageEvent(KOPS, { thread_ts: '1700000000.999999', ts: '1700000002.000002' }));
    await logged(harness, 'paste handled', 2);
    expect(posts).toHaveLength(1);
  });
});

describe('what the bot says and does not say', () => {
  it('a pasted <!channel> with a bearer token notifies no one and echoes no token', async () => {
    const harness = await ctx.start();
    const { posts } = capturePosts();
    const text = `&lt;!channel&gt; <!channel> <!here> <!subteam^S123> ${KOPS}\nAuthorization: Bearer ${PLANTED.bearer}\n${PLANTED.jwt}`;
    await postEvent(harness.url, messageEvent(text));
    await waitFor(() => posts.length === 1);
    const sent = JSON.stringify(posts[0]);
    expect(sent).not.toMatch(/<!channel>|<!here>|<!subteam/);
    expect(sent).not.toContain(PLANTED.bearer);
    expect(sent).not.toContain(PLANTED.jwt);
    expect(harness.logs.join('\n')).not.toContain(PLANTED.bearer);
  });

  it('a chatty channel message gets no reply', async () => {
    const harness = await ctx.start();
    const { posts } = capturePosts();
    await postEvent(harness.url, messageEvent('deploying v1.2.3 now, ping me if anything breaks'));
    await logged(harness, 'paste handled');
    expect(posts).toHaveLength(0);
  });

  it('a mention gets an honest no-match answer in the thread', async () => {
    const harness = await ctx.start();
    const { posts } = capturePosts();
    const body = JSON.parse(messageEvent('<@UBOT> is the cluster ok?'));
    body.event.type = 'app_mention';
    await postEvent(harness.url, JSON.stringify(body));
    await waitFor(() => posts.length === 1);
    expect(posts[0]?.text).toContain('No known incident');
  });

  it.each([
    ['another bot', { bot_id: 'B999' }],
    ['an edit', { subtype: 'message_changed' }],
    ['a deletion', { subtype: 'message_deleted' }],
    ['a channel join', { subtype: 'channel_join' }],
  ])('ignores %s', async (_, extra) => {
    const harness = await ctx.start();
    const { posts } = capturePosts();
    await postEvent(harness.url, messageEvent(KOPS, extra));
    await logged(harness, 'event ignored');
    expect(posts).toHaveLength(0);
  });
});

describe('Web API failures', () => {
  it('a 429 with Retry-After: 1 is retried and the reply arrives once', async () => {
    const harness = await ctx.start();
    const attempts: number[] = [];
    const rateLimited = nock('https://slack.test')
      .post('/api/chat.postMessage')
      .reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' });
    nock('https://slack.test')
      .post('/api/chat.postMessage')
      .times(3)
      .reply(200, () => {
        attempts.push(Date.now());
        return { ok: true, ts: '1.2' };
      });
    const started = Date.now();
    await postEvent(harness.url, messageEvent(KOPS));
    await waitFor(() => attempts.length === 1, 5000);
    expect(rateLimited.isDone()).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await logged(harness, 'paste handled');
    expect(attempts).toHaveLength(1);
  });

  it('a final failure is logged with a correlation id and does not stop later replies', async () => {
    const harness = await ctx.start();
    nock('https://slack.test').post('/api/chat.postMessage').reply(200, { ok: false, error: 'channel_not_found' });
    await postEvent(harness.url, messageEvent(KOPS, {}, 'EvFails'));
    await waitFor(() => harness.logs.some((l) => l.includes('reply could not be posted')) ?? false);
    expect(harness.logs.find((l) => l.includes('reply could not be posted'))).toContain('EvFails');
    const { posts } = capturePosts();
    await postEvent(harness.url, messageEvent(KOPS.replace('abcde', 'fghjk')));
    await waitFor(() => posts.length === 1);
  });

  it('a 500 from chat.postMessage is retried and the reply arrives once', async () => {
    const harness = await ctx.start();
    const failed = nock('https://slack.test').post('/api/chat.postMessage').reply(500, 'upstream error');
    const { posts } = capturePosts(2);
    await postEvent(harness.url, messageEvent(KOPS.replace('abcde', 'mnpqr')));
    await waitFor(() => posts.length === 1, 8000);
    expect(failed.isDone()).toBe(true);
    await logged(harness, 'paste handled');
    expect(posts).toHaveLength(1);
  });

  it('invalid_blocks: logged with the correlation id and the code, then the same answer once as plain text', async () => {
    const harness = await ctx.start();
    const scope = nock('https://slack.test').post('/api/chat.postMessage').reply(200, { ok: false, error: 'invalid_blocks' });
    const { posts } = capturePosts();
    await postEvent(harness.url, messageEvent(KOPS.replace('abcde', 'vwxzb'), {}, 'EvInvalidBlocks'));
    const refused = () => harness.logs.find((l) => l.includes('reply could not be posted') && l.includes('invalid_blocks'));
    await waitFor(() => posts.length === 1);
    expect(scope.isDone()).toBe(true);
    expect(refused()).toContain('EvInvalidBlocks');
    // plain text only, in the same thread, still the answer
    expect(posts[0]?.blocks).toBeUndefined();
    expect(posts[0]?.thread_ts).toBeDefined();
    expect(posts[0]?.text).toContain('kops-sa-issuer-change');
    expect(posts[0]?.text).toContain('Do this now');
  });

  it('not_in_channel: the person who pasted gets the answer by DM, with how to invite the bot', async () => {
    const harness = await ctx.start();
    nock('https://slack.test').post('/api/chat.postMessage').reply(200, { ok: false, error: 'not_in_channel' });
    const { posts } = capturePosts();
    await postEvent(harness.url, messageEvent(KOPS.replace('abcde', 'nchnl'), {}, 'EvNotInChannel'));
    await waitFor(() => posts.length === 1);
    expect(posts[0]?.channel).toBe('U1');
    expect(posts[0]?.text).toMatch(/^I could not answer in <#C1>: invite me there/);
    expect(posts[0]?.text).toContain('kops-sa-issuer-change');
  });

  it('a Web API timeout is not retried (Slack may have posted it): one attempt, a logged final failure', async () => {
    const harness = await ctx.start();
    let attempts = 0;
    nock('https://slack.test')
      .post('/api/chat.postMessage')
      .times(3)
      .delay(2500)
      .reply(200, () => {
        attempts++;
        return { ok: true, ts: '1.2' };
      });
    await postEvent(harness.url, messageEvent(KOPS.replace('abcde', 'tmout'), {}, 'EvTimeout'));
    const failure = () => harness.logs.find((l) => l.includes('reply could not be posted') && l.includes('EvTimeout'));
    await waitFor(() => failure() !== undefined, 5000);
    await logged(harness, 'paste handled');
    expect(attempts).toBeLessThanOrEqual(1);
    expect(nock.pendingMocks().length).toBeGreaterThan(0); // the second and third interceptors were never used
  });
});
