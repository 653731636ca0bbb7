import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { ClusterReader } from '../../src/cluster/reader.js';
import { ClusterRegistry } from '../../src/cluster/registry.js';
import { answerGet } from '../fakes/api-answer.js';
import { methodNotAllowedStatus } from '../fakes/api-status.js';

const tls = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url), 'utf8');

/**
 * A data route is a `body` with a 2xx status (or none): keyed by its path without a query, it is
 * answered through the API server's rules (answerGet: selectors, pagination, List kinds, 404
 * Status). Every other route is a fault for fault injection and may be keyed by an exact URL.
 */
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
  /** path and query exactly as sent, after any server path prefix */
  path: string;
  /** the full URL the client asked for, path prefix included */
  url: string;
  authorization?: string;
}

export interface FakeApiServerOptions {
  /** serve under a path, as Rancher or a proxy does (https://host/k8s/clusters/c-abc): anything outside it is a 404 */
  pathPrefix?: string;
  /** serve a certificate that expired in 2020 (signed by expired-ca.crt, which the kubeconfig then trusts) */
  expiredCertificate?: boolean;
}

const isData = (route: Route) =>
  route.body !== undefined && (route.status ?? 200) < 300 && !route.raw && !route.hang && !route.reset && !route.hugeBytes;

export interface FakeApiServer {
  /** the server URL a kubeconfig names, path prefix included */
  url: string;
  requests: SeenRequest[];
  routes: Map<string, Route>;
  /** a kubeconfig file with this server's CA and a bearer token; caFile overrides the CA */
  kubeconfig(options?: { context?: string; token?: string; ca?: 'right' | 'wrong' }): Promise<string>;
  close(): Promise<void>;
}

/** A real HTTPS server on loopback answering like kube-apiserver from a route table. */
export async function startFakeApiServer(routes: Record<string, Route> = {}, options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const prefix = (options.pathPrefix ?? '').replace(/\/$/, '');
  for (const [path, route] of Object.entries(routes)) {
    if (path.includes('?') && isData(route))
      throw new Error(`fake API server: route "${path}" has a query; key data by its path and let the server apply the query`);
  }
  const table = new Map(Object.entries(routes));
  const requests: SeenRequest[] = [];
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const pair = options.expiredCertificate
    ? { key: tls('expired-server.key'), cert: tls('expired-server.crt') }
    : { key: tls('server.key'), cert: tls('server.crt') };
  const server: Server = createServer(pair, (req, res) => {
    const sent = req.url ?? '/';
    const inside = sent === prefix || sent.startsWith(`${prefix}/`);
    const path = inside ? sent.slice(prefix.length) || '/' : sent;
    requests.push({
      method: req.method ?? '',
      path,
      url: `${origin}${sent}`,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    // kube-apiserver refuses a write to a read-only path with a Status, not a dropped connection
    if (req.method !== 'GET') return void json(res, 405, methodNotAllowedStatus());
    if (!inside) return void json(res, 404, answerGet(new Map(), '/').body);
    const exact = table.get(path);
    const route = exact ?? table.get(path.split('?')[0] as string);
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
      if (route?.raw !== undefined) return void res.writeHead(route.status ?? 200, { 'content-type': 'application/json' }).end(route.raw);
      if (route && !isData(route)) return void json(res, route.status ?? 200, route.body ?? {});
      const data = new Map([...table].filter(([, r]) => isData(r)).map(([p, r]) => [p, r.body]));
      const reply = answerGet(data, path);
      if (reply.text !== undefined) return void res.writeHead(200, { 'content-type': 'text/plain' }).end(reply.text);
      json(res, reply.status, reply.body);
    };
    if (route?.delayMs) setTimeout(answer, route.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${origin}${prefix}`;
  return {
    url,
    requests,
    routes: table,
    async kubeconfig({ context = 'test-cluster', token = 'fake-bearer-token-0123456789', ca = 'right' } = {}) {
      const dir = await mkdtemp(join(tmpdir(), 'kubetriage-kubeconfig-'));
      const file = join(dir, 'config');
      const rightCa = options.expiredCertificate ? 'expired-ca.crt' : 'ca.crt';
      const caData = Buffer.from(tls(ca === 'right' ? rightCa : 'other-ca.crt')).toString('base64');
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

/** The production reader (client-node credentials, the guarded HTTPS transport) for a fake server's kubeconfig. */
export async function readerOf(server: FakeApiServer, requestTimeoutMs = 5000): Promise<ClusterReader> {
  const registry = ClusterRegistry.load({
    kubeconfigPaths: [await server.kubeconfig()],
    allowed: [],
    channelClusters: {},
    requestTimeoutMs,
    allowExecAuth: false,
  });
  const reader = registry.reader('test-cluster');
  if (!reader) throw new Error('the fake server kubeconfig names no test-cluster context');
  return reader;
}
