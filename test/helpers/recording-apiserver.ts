import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';

const tls = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url), 'utf8');

export interface RecordingServer {
  origin: string;
  /** "METHOD /raw/request/target" for every request that arrived */
  seen: string[];
  close(): Promise<void>;
}

/**
 * A loopback HTTPS server that records the raw request line of everything that reaches it and
 * answers an empty list: for the security tests, what arrived matters, not what is answered.
 */
export async function recordingServer(): Promise<RecordingServer> {
  const seen: string[] = [];
  const server: Server = createServer({ key: tls('server.key'), cert: tls('server.crt') }, (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"kind":"List","apiVersion":"v1","metadata":{},"items":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A kubeconfig with one context per entry, trusting the test CA (or skipping TLS checks, when asked). */
export async function kubeconfigFor(contexts: Array<{ name: string; server: string; insecure?: boolean }>): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'kubetriage-guard-')), 'config');
  const ca = Buffer.from(tls('ca.crt')).toString('base64');
  await writeFile(
    file,
    yaml.dump({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: contexts.map((c) => ({
        name: c.name,
        cluster: { server: c.server, ...(c.insecure ? { 'insecure-skip-tls-verify': true } : { 'certificate-authority-data': ca }) },
      })),
      users: [{ name: 'u', user: { token: 'guard-test-token-0123456789' } }],
      contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.name, user: 'u' } })),
      'current-context': contexts[0]?.name,
    }),
  );
  return file;
}
