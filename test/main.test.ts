import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../src/config.js';

const run = promisify(execFile);

async function start(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SLACK_')));
  try {
    await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...clean, ...env }, timeout: 15_000 });
    return { code: 0, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('npm start with bad Slack configuration', () => {
  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_APP_TOKEN: 'xapp-1-A1-1-ab' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1-2-abc' }, 'SLACK_SIGNING_SECRET'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'not-an-app-token' }, 'SLACK_APP_TOKEN'],
  ])('exits non-zero with one line naming the variable (%o)', async (env, variable) => {
    const { code, stderr } = await start(env);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(variable);
  });
});

describe('npm start with a token Slack refuses', () => {
  it('a revoked bot token is one line naming the variable and the code, exit 1, no stack trace', async () => {
    const { createServer } = await import('node:http');
    const slack = createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'token_revoked' })),
      );
    });
    await new Promise<void>((r) => slack.listen(0, '127.0.0.1', r));
    try {
      const port = (slack.address() as import('node:net').AddressInfo).port;
      const { code, stderr } = await start({
        SLACK_BOT_TOKEN: 'xoxb-1-2-revoked',
        SLACK_SIGNING_SECRET: '0123456789abcdef0123',
        SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
        PORT: '0',
      });
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        'kubetriage: Slack refused SLACK_BOT_TOKEN (token_revoked): reinstall the app or set a valid token',
      ]);
    } finally {
      slack.close();
    }
  });
});

describe('documentation', () => {
  it.each(['README.md', '.env.example'])('%s documents every configuration variable', async (file) => {
    const text = await readFile(new URL(`../${file}`, import.meta.url), 'utf8');
    for (const variable of CONFIG_VARIABLES) expect(text, variable).toContain(variable);
  });
});
