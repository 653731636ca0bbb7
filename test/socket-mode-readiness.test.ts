/**
 * `npm start` in Socket Mode against a fake Slack (Web API over HTTP, the socket over a loopback
 * WebSocket server): /readyz is 200 only while the socket is up, 503 when it drops, and 200 again
 * once it reconnects.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { freePort } from './helpers/ports.js';

let child: ChildProcess | undefined;
let http: Server | undefined;
let sockets: WebSocketServer | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  http?.close();
  sockets?.close();
  child = undefined;
});

const HELLO = JSON.stringify({
  type: 'hello',
  num_connections: 1,
  debug_info: { approximate_connection_time: 3600 },
  connection_info: { app_id: 'A1' },
});

async function until(condition: () => Promise<boolean>, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; !(await condition()); ) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Socket Mode readiness (npm start against a fake Slack)', () => {
  it('follows the socket: ready while connected, 503 after it drops, ready again once it reconnects', async () => {
    sockets = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => sockets?.once('listening', () => r()));
    const wsPort = (sockets.address() as AddressInfo).port;
    let accept = true;
    sockets.on('connection', (socket) => {
      if (accept) socket.send(HELLO);
      else socket.close(1011, 'not now');
    });
    http = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const json = (body: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (req.url?.endsWith('/auth.test')) return json({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
        if (req.url?.endsWith('/apps.connections.open')) return json({ ok: true, url: `ws://127.0.0.1:${wsPort}/link` });
        json({ ok: true });
      });
    });
    await new Promise<void>((r) => http?.listen(0, '127.0.0.1', r));
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: 'xoxb-1-2-socket',
        SLACK_APP_TOKEN: 'xapp-1-A1-1-socket',
        SLACK_API_URL: `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/`,
        PORT: String(port),
        KUBETRIAGE_DATA_DIR: await mkdtemp(join(tmpdir(), 'kubetriage-socket-data-')),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const status = () =>
      fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
    await until(async () => (await status()) === 200);
    // the socket drops, and Slack does not let it back in for now
    accept = false;
    for (const socket of sockets.clients) socket.terminate();
    await until(async () => (await status()) === 503);
    accept = true;
    await until(async () => (await status()) === 200);
  }, 60_000);
});
