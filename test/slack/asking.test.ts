/**
 * How people ask during an incident: a long log shared as a snippet or file, an @mention in a
 * DM, an @mention under an error in a thread, "help". Slack's Web API and file host are nock.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { capturePosts, captureUpdates, logged, messageEvent, postEvent, SLACK_API, slackTestContext, waitFor } from './harness.js';

const ctx = slackTestContext();
const FILES = 'https://files.slack.test';
const KOPS = '2023-09-12 08:14:01.123 [ERROR][1] cni-installer/<nil> <nil>: Unable to create token for CNI kubeconfig error=Unauthorized';

/** 300 lines of a calico-node log whose last line is the known error. */
const SNIPPET = [
  ...Array.from(
    { length: 299 },
    (_, i) =>
      `2023-09-12 08:13:${String(i % 60).padStart(2, '0')}.000 [INFO][1] felix/summary.go 100: Summarising 11 dataplane reconciliation loops over 1m0.2s: avg=4ms longest=12ms ()`,
  ),
  KOPS,
].join('\n');

const snippetFile = (name: string, extra: Record<string, unknown> = {}) => ({
  id: 'F0123SNIP',
  name,
  mode: 'snippet',
  mimetype: 'text/plain',
  filetype: 'text',
  url_private_download: `${FILES}/files-pri/T1-F0123SNIP/download/${name}`,
  ...extra,
});

const fileShare = (files: unknown[], text = '') => messageEvent(text, { subtype: 'file_share', files });

const mention = (text: string, extra: Record<string, unknown> = {}) => {
  const body = JSON.parse(messageEvent(text, extra));
  body.event.type = 'app_mention';
  return JSON.stringify(body);
};

describe('snippets and files', () => {
  it('a 300-line snippet whose last line is a known error gets the diagnosis in its thread, downloaded with the bot token', async () => {
    const harness = await ctx.start({ fileHosts: ['files.slack.test'] });
    let authorization: string | undefined;
    nock(FILES)
      .get('/files-pri/T1-F0123SNIP/download/calico.log')
      .reply(function () {
        authorization = this.req.headers.authorization as string;
        return [200, SNIPPET, { 'content-type': 'text/plain' }];
      });
    const { posts } = capturePosts();
    await postEvent(harness.url, fileShare([snippetFile('calico.log')]));
    await waitFor(() => posts.length === 1);
    expect(authorization).toBe('Bearer xoxb-test-token');
    expect(posts[0]?.thread_ts).toBeDefined();
    expect(JSON.stringify(posts[0]?.blocks)).toContain('kops-sa-issuer-change');
    expect(JSON.stringify(posts[0]?.blocks)).toContain('line 300');
  });

  it('a log file Windows PowerShell wrote (UTF-16 with a byte-order mark) is read as text, not refused as binary', async () => {
    const harness = await ctx.start({ fileHosts: ['files.slack.test'] });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SNIPPET, 'utf16le')]);
    nock(FILES).get('/files-pri/T1-F0123SNIP/download/calico.log').reply(200, utf16, { 'content-type': 'text/plain' });
    const { posts } = capturePosts();
    await postEvent(harness.url, fileShare([snippetFile('calico.log', { mode: 'hosted' })]));
    await waitFor(() => posts.length === 1);
    expect(JSON.stringify(posts[0]?.blocks)).toContain('kops-sa-issuer-change');
    expect(JSON.stringify(posts[0]?.blocks)).toContain('line 300');
  });

  it('a file over 2 MB is read up to 2 MB and says so; an image is not downloaded and says why when asked', async () => {
    const harness = await ctx.start({ fileHosts: ['files.slack.test'] });
    nock(FILES)
      .get('/files-pri/T1-F0123SNIP/download/big.log')
      .reply(200, `${KOPS}\n${'I1201 noise line of an ordinary log\n'.repeat(90_000)}`, { 'content-type': 'text/plain' });
    const { posts } = capturePosts(2);
    await postEvent(harness.url, fileShare([snippetFile('big.log', { mode: 'hosted' })]));
    await waitFor(() => posts.length === 1);
    expect(JSON.stringify(posts[0]?.blocks)).toContain('big.log is over 2 MB: I read its first 2 MB');
    await postEvent(
      harness.url,
      mention('<@UBOT>', {
        subtype: 'file_share',
        files: [snippetFile('screen.png', { mode: 'hosted', mimetype: 'image/png', filetype: 'png' })],
      }),
    );
    await waitFor(() => posts.length === 2);
    expect(JSON.stringify(posts[1]?.blocks)).toContain('screen.png is not a text file (image/png)');
  });

  it("the bot token is never sent to a host that is not Slack's file host", async () => {
    const harness = await ctx.start({ fileHosts: ['files.slack.test'] });
    const { posts } = capturePosts();
    const evil = snippetFile('x.log', { url_private_download: 'https://files.evil.example/steal' });
    await postEvent(harness.url, mention('<@UBOT> look', { subtype: 'file_share', files: [evil] }));
    await waitFor(() => posts.length === 1);
    expect(JSON.stringify(posts[0]?.blocks)).toContain("x.log is not on Slack's file host; the bot token is only sent there");
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('Slack markup', () => {
  it('a pasted error Slack auto-linked is diagnosed as it was written', async () => {
    const harness = await ctx.start();
    const { posts } = capturePosts();
    const linked = 'error: exec plugin: invalid apiVersion "<http://client.authentication.k8s.io|client.authentication.k8s.io>/v1alpha1"';
    await postEvent(harness.url, mention(`<@UBOT> ${linked}`));
    await waitFor(() => posts.length === 1);
    expect(JSON.stringify(posts[0]?.blocks)).toContain('exec-plugin-v1alpha1-removed');
  });
});

describe('asking directly', () => {
  it('an @mention in a DM is answered (Slack sends no app_mention there)', async () => {
    const harness = await ctx.start();
    const { posts } = capturePosts();
    await postEvent(harness.url, messageEvent(`<@UBOT> ${KOPS}`, { channel: 'D0123', channel_type: 'im' }));
    await waitFor(() => posts.length === 1);
    expect(JSON.stringify(posts[0]?.blocks)).toContain('kops-sa-issuer-change');
    // a DM is answered inline, not in a thread
    expect(posts[0]?.thread_ts).toBeUndefined();
  });

  it('an @mention under an error in a thread diagnoses the thread above it', async () => {
    const harness = await ctx.start();
    const replies = nock(SLACK_API)
      .post('/api/conversations.replies')
      .reply(200, {
        ok: true,
        messages: [
          { type: 'message', user: 'U2', text: KOPS, ts: '1700000000.000100' },
          { type: 'message', bot_id: 'BOTHER', text: 'deploy bot: rolled out v1.2.3', ts: '1700000000.000150' },
          { type: 'message', user: 'U1', text: '<@UBOT> what is this?', ts: '1700000000.000200', thread_ts: '1700000000.000100' },
        ],
        has_more: false,
      });
    const { posts } = capturePosts();
    await postEvent(harness.url, mention('<@UBOT> what is this?', { ts: '1700000000.000200', thread_ts: '1700000000.000100' }));
    await waitFor(() => posts.length === 1);
    expect(replies.isDone()).toBe(true);
    expect(JSON.stringify(posts[0]?.blocks)).toContain('kops-sa-issuer-change');
    expect(posts[0]?.thread_ts).toBe('1700000000.000100');
  });

  it.each([['<@UBOT> help'], ['<@UBOT>']])('"%s" gets the help card, not "no match"', async (text) => {
    const harness = await ctx.start();
    const { posts } = capturePosts();
    await postEvent(harness.url, mention(text));
    await waitFor(() => posts.length === 1);
    const sent = JSON.stringify(posts[0]?.blocks);
    expect(sent).toContain('/runbook');
    expect(sent).toContain('/scan');
    expect(sent).not.toContain('No known incident');
  });
});

describe('alert bots', () => {
  const alert = (botId: string) =>
    messageEvent('', {
      user: undefined,
      bot_id: botId,
      subtype: 'bot_message',
      attachments: [
        {
          fallback: '[FIRING:1] CalicoNodeNotReady',
          title: '[FIRING:1] CalicoNodeNotReady (kube-system calico-node-x7k2p)',
          text: `*Description:* install-cni keeps failing\n*Log:* ${KOPS}`,
        },
      ],
    });

  it('an allowlisted alert bot (Alertmanager) is triaged from its attachments', async () => {
    const harness = await ctx.start({ triageBots: ['BALERTS'] });
    const { posts } = capturePosts();
    await postEvent(harness.url, alert('BALERTS'));
    await waitFor(() => posts.length === 1);
    expect(JSON.stringify(posts[0]?.blocks)).toContain('kops-sa-issuer-change');
  });

  it('a bot that is not on the allowlist is not triaged', async () => {
    const harness = await ctx.start({ triageBots: ['BALERTS'] });
    const { posts } = capturePosts();
    await postEvent(harness.url, alert('BOTHER'));
    await logged(harness, 'event ignored');
    expect(posts).toHaveLength(0);
  });
});

describe('the same error pasted by several people', () => {
  it('the first thread gets the answer, the others one line linking to it; a mention still gets it in full', async () => {
    const harness = await ctx.start();
    nock(SLACK_API)
      .post('/api/chat.getPermalink')
      .times(2)
      .reply(200, { ok: true, channel: 'C1', permalink: 'https://acme.slack.com/archives/C1/p1700000000000901' });
    const { posts } = capturePosts(4);
    await postEvent(harness.url, messageEvent(KOPS, { ts: '1700000000.000901' }));
    await waitFor(() => posts.length === 1);
    for (const ts of ['1700000000.000902', '1700000000.000903']) await postEvent(harness.url, messageEvent(KOPS, { ts }));
    await waitFor(() => posts.length === 3);
    expect(JSON.stringify(posts[0]?.blocks)).toContain('*Do this now*');
    for (const linked of posts.slice(1)) {
      expect(linked.text).toMatch(
        /^Same error as in <https:\/\/acme\.slack\.com\/archives\/C1\/p1700000000000901\|this thread>, answered there: \*kOps upgrade/,
      );
      expect(JSON.stringify(linked.blocks)).not.toContain('Do this now');
    }
    await postEvent(harness.url, mention(`<@UBOT> ${KOPS}`, { ts: '1700000000.000904' }));
    await waitFor(() => posts.length === 4);
    expect(JSON.stringify(posts[3]?.blocks)).toContain('*Do this now*');
  });
});

describe('edits', () => {
  const edited = (ts: string, text: string, previous: string) =>
    messageEvent('', {
      subtype: 'message_changed',
      user: undefined,
      text: undefined,
      message: { type: 'message', user: 'U1', text, ts, edited: { user: 'U1', ts: '1700000099.000001' } },
      previous_message: { type: 'message', user: 'U1', text: previous, ts },
    });
  const MULTUS =
    'Warning  FailedCreatePodSandBox  2m  kubelet  Failed to create pod sandbox: plugin type="multus" name="multus-cni-network" failed (add): Multus: [demo/web-1/8b1f3a2c]: error getting pod: Unauthorized';

  it('an edited paste updates the reply already posted, in place, once per message', async () => {
    const harness = await ctx.start();
    const updates = captureUpdates(2);
    const { posts } = capturePosts(2);
    await postEvent(harness.url, messageEvent(KOPS, { ts: '1700000010.000001' }));
    // the reply is remembered once it is posted: wait for the handling to end, not for the request
    await logged(harness, 'paste handled');
    await postEvent(harness.url, edited('1700000010.000001', MULTUS, KOPS));
    await waitFor(() => updates.length === 1);
    expect(updates[0]).toMatchObject({ channel: 'C1', ts: '1700000001.000001' });
    expect(JSON.stringify(updates[0]?.blocks)).toContain('multus-thin-token-expiry');
    await postEvent(harness.url, edited('1700000010.000001', 'never mind, it was my laptop', MULTUS));
    await waitFor(() => updates.length === 2);
    expect(String(updates[1]?.text)).toBe('After the edit, no known incident matches this message.');
    expect(posts).toHaveLength(1);
  });

  it('a message that had no reply and now holds a known error is answered', async () => {
    const harness = await ctx.start();
    const { posts } = capturePosts();
    await postEvent(harness.url, messageEvent('is calico ok?', { ts: '1700000020.000001' }));
    await logged(harness, 'paste handled');
    await postEvent(harness.url, edited('1700000020.000001', KOPS, 'is calico ok?'));
    await waitFor(() => posts.length === 1);
    expect(JSON.stringify(posts[0]?.blocks)).toContain('kops-sa-issuer-change');
  });
});

describe('several errors in one thread', () => {
  it('the first gets the full answer, each further one a short numbered answer, and one summary lists them all', async () => {
    const harness = await ctx.start();
    const { posts } = capturePosts(4);
    const updates = captureUpdates(1);
    const thread = { thread_ts: '1700000030.000001' };
    const MULTUS_ROW =
      'Warning  FailedCreatePodSandBox  2m  kubelet  Failed to create pod sandbox: plugin type="multus" name="multus-cni-network" failed (add): Multus: [demo/web-1/8b1f3a2c]: error getting pod: Unauthorized';
    const ETCD = 'Error from server: etcdserver: mvcc: database space exceeded';
    await postEvent(harness.url, messageEvent(KOPS, { ts: '1700000030.000001' }));
    await logged(harness, 'paste handled');
    await postEvent(harness.url, messageEvent(MULTUS_ROW, { ts: '1700000030.000002', ...thread }));
    await logged(harness, 'paste handled', 2);
    await postEvent(harness.url, messageEvent(ETCD, { ts: '1700000030.000003', ...thread }));
    await waitFor(() => posts.length === 4 && updates.length === 1);
    const [full, second, summary, third] = posts;
    expect(JSON.stringify(full?.blocks)).toContain('*Why this matches*');
    expect(second?.text).toMatch(/^Error 2 in this thread: Multus/);
    expect(third?.text).toMatch(/^Error 3 in this thread: etcd/);
    for (const short of [second, third]) {
      expect(JSON.stringify(short?.blocks)).not.toContain('Why this matches');
      expect(JSON.stringify(short?.blocks).length).toBeLessThan(2500);
    }
    expect(summary?.text).toBe('2 distinct errors in this thread');
    // updated in place as the third arrives: one summary, never three
    expect(updates[0]?.text).toBe('3 distinct errors in this thread');
    const listed = JSON.stringify(updates[0]?.blocks);
    for (const title of ['kOps upgrade', 'Multus', 'etcd']) expect(listed).toContain(title);
  });
});
