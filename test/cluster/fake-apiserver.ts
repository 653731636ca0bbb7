import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';

const tls = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url), 'utf8');

export type Route = {
  status?: number;
  body?: unknown;
  raw?: string;
  delayMs?: number;
  hang?: boolean;
  reset?: boolean;
  hugeBytes?: number;
};

export interface SeenRequest {
  method: string;
  path: string;
  authorization?: string;
}

export interface FakeApiServer {
  url: string;
  requests: SeenRequest[];
  routes: Map<string, Route>;
  /** a kubeconfig file with this server's CA and a bearer token; caFile overrides the CA */
  kubeconfig(options?: { context?: string; token?: string; ca?: 'right' | 'wrong' }): Promise<string>;
  close(): Promise<void>;
}

/** A real HTTPS server on loopback answering like kube-apiserver from a route table. */
export async function startFakeApiServer(routes: Record<string, Route> = {}): Promise<FakeApiServer> {
  const table = new Map(Object.entries(routes));
  const requests: SeenRequest[] = [];
  const server: Server = createServer({ key: tls('server.key'), cert: tls('server.crt') }, (req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? '', path, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const route = table.get(path) ?? table.get(path.split('?')[0] ?? path);
    if (route?.hang) return; // accepts the connection, never answers
    if (route?.reset) {
      req.socket.destroy(); // connection reset mid-request
      return;
    }
    if (route?.hugeBytes) {
      // a list far larger than any the bot should buffer, streamed in chunks
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 32);
      let sent = 0;
      const pump = () => {
        while (sent < (route.hugeBytes ?? 0)) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
      return;
    }
    const answer = () => {
      const status = route?.status ?? (route ? 200 : 404);
      const body =
        route?.raw ?? JSON.stringify(route?.body ?? { kind: 'Status', status: 'Failure', message: `${path} not found`, code: 404 });
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    };
    if (route?.delayMs) setTimeout(answer, route.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    routes: table,
    async kubeconfig({ context = 'test-cluster', token = 'fake-bearer-token-0123456789', ca = 'right' } = {}) {
      const dir = await mkdtemp(join(tmpdir(), 'kubetriage-kubeconfig-'));
      const file = join(dir, 'config');
      const caData = Buffer.from(tls(ca === 'right' ? 'ca.crt' : 'other-ca.crt')).toString('base64');
      await writeFile(
        file,
        yaml.dump({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [{ name: `${context}-cluster`, cluster: { server: url, 'certificate-authority-data': caData } }],
          users: [{ name: `${context}-user`, user: { token } }],
          contexts: [{ name: context, context: { cluster: `${context}-cluster`, user: `${context}-user` } }],
          'current-context': context,
        }),
      );
      return file;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
