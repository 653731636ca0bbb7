import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/knowledge/default-dir.js';
import { incidentData } from './helpers/kb.js';
import { freePort } from './helpers/ports.js';

const SECRET = 'lifecycle-signing-secret-0123456789';

interface Running {
  child: ChildProcess;
  output: string[];
  base: string;
  knowledgeDir: string;
  slack: { server: Server; started: number; answered: number };
}

let running: Running | undefined;
afterEach(async () => {
  running?.child.kill('SIGKILL');
  running?.slack.server.close();
  running = undefined;
});

/** npm start's entry point as a real process, in HTTP mode, against a fake Slack Web API whose chat.postMessage answers slowly. */
async function startBot(extraEnv: Record<string, string> = {}): Promise<Running> {
  const slack = { server: createServer(), started: 0, answered: 0 };
  slack.server.on('request', (req, res) => {
    req.resume();
    req.on('end', () => {
      const json = (body: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url?.endsWith('/auth.test')) return json({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'kubetriage' });
      if (req.url?.endsWith('/chat.postMessage')) {
        slack.started++;
        setTimeout(() => {
          slack.answered++;
          json({ ok: true, ts: '1.2' });
        }, 1500);
        return;
      }
      json({ ok: true });
    });
  });
  await new Promise<void>((r) => slack.server.listen(0, '127.0.0.1', r));
  const knowledgeDir = await mkdtemp(join(tmpdir(), 'kubetriage-live-kb-'));
  await cp(BUNDLED_KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    SLACK_BOT_TOKEN: 'xoxb-1-2-lifecycle',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `http://127.0.0.1:${(slack.server.address() as AddressInfo).port}/api/`,
    PORT: String(port),
    KUBETRIAGE_KNOWLEDGE_DIR: knowledgeDir,
    KUBETRIAGE_DATA_DIR: await mkdtemp(join(tmpdir(), 'kubetriage-live-data-')),
    ...extraEnv,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { child, output, base, knowledgeDir, slack };
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the bot did not become ready:\n${output.join('')}`);
}

async function until(condition: () => boolean, ms = 8000): Promise<void> {
  for (const end = Date.now() + ms; !condition(); ) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the process (npm start in HTTP mode)', () => {
  it('SIGTERM during an in-flight reply: the reply is still sent and the process exits 0', async () => {
    running = await startBot();
    const body = JSON.stringify({
      type: 'event_callback',
      event_id: 'EvShutdown',
      team_id: 'T1',
      api_app_id: 'A1',
      event: {
        type: 'message',
        channel: 'C1',
        channel_type: 'channel',
        user: 'U1',
        text: 'install-cni: Unable to create token for CNI kubeconfig error=Unauthorized',
        ts: '1700000000.000001',
      },
    });
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    await fetch(`${running.base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
      body,
    });
    const current = running;
    await until(() => current.slack.started === 1);
    const exited = new Promise<number | null>((r) => current.child.once('exit', (code) => r(code)));
    current.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(current.slack.answered).toBe(1);
  });

  it('a broken knowledge edit then SIGHUP keeps the previous knowledge serving and logs file and field', async () => {
    running = await startBot();
    const entries = (await readdir(join(running.knowledgeDir, 'incidents'))).length;
    const file = join(running.knowledgeDir, 'incidents', 'coredns-forwarding-loop.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^severity: \w+/m, 'severity: apocalyptic'));
    running.child.kill('SIGHUP');
    const current = running;
    await until(() => current.output.join('').includes('knowledge reload rejected'));
    const log =
      current.output
        .join('')
        .split('\n')
        .find((l) => l.includes('knowledge reload rejected')) ?? '';
    expect(log).toContain('coredns-forwarding-loop.yaml');
    expect(log).toContain('"field":"severity"');
    const metrics = await (await fetch(`${current.base}/metrics`)).text();
    // still the previous knowledge base: every entry, the broken one's old version included
    expect(metrics).toMatch(new RegExp(`kubetriage_knowledge_entries ${entries}\\b`));
  });

  it('a team folder is watched: a valid new entry takes effect without a restart, a broken one keeps the previous catalog and says why in /readyz', async () => {
    const team = await mkdtemp(join(tmpdir(), 'kubetriage-team-live-'));
    await mkdir(join(team, 'incidents'));
    await writeFile(join(team, 'incidents', 'acme-one.yaml'), yaml.dump(incidentData('acme-one')));
    running = await startBot({ KUBETRIAGE_KNOWLEDGE_DIRS: team, KUBETRIAGE_WATCH_KNOWLEDGE: 'true' });
    const current = running;
    const entries = async () => /kubetriage_knowledge_entries (\d+)/.exec(await (await fetch(`${current.base}/metrics`)).text())?.[1];
    const bundled = (await readdir(join(BUNDLED_KNOWLEDGE_DIR, 'incidents'))).filter((n) => n.endsWith('.yaml')).length;
    expect(await entries()).toBe(String(bundled + 1));
    await writeFile(join(team, 'incidents', 'acme-two.yaml'), yaml.dump(incidentData('acme-two')));
    await until(() => current.output.join('').includes(`"incidents":${bundled + 2}`));
    expect(await entries()).toBe(String(bundled + 2));
    await writeFile(join(team, 'incidents', 'acme-two.yaml'), yaml.dump(incidentData('acme-two', { severity: 'apocalyptic' })));
    await until(() => current.output.join('').includes('knowledge reload rejected'));
    expect(await entries()).toBe(String(bundled + 2));
    const ready = await fetch(`${current.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toMatch(/was refused, the previous knowledge base keeps serving:\n {2}\S+acme-two\.yaml: severity: /);
  });
});
