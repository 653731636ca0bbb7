import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics.js';

export interface Readiness {
  /** a reason the process is not ready yet, or undefined when it is */
  notReady(): string | undefined;
  /** what an operator should know while ready: a knowledge reload refused, the previous catalog still serving */
  details?(): string[];
}

type Route = { path: string; method: string[]; handler: (req: IncomingMessage, res: ServerResponse) => void };

/** /healthz (the process answers), /readyz (real state: knowledge loaded, Slack connected), /metrics. */
export function healthRoutes(readiness: Readiness, metrics: Metrics): Route[] {
  const text = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type }).end(body);
  };
  return [
    { path: '/healthz', method: ['GET'], handler: (_req, res) => text(res, 200, 'ok\n') },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        const reason = readiness.notReady();
        const details = (readiness.details?.() ?? []).map((d) => `${d}\n`).join('');
        text(res, reason ? 503 : 200, `${reason ? `not ready: ${reason}` : 'ready'}\n${details}`);
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        metrics.render().then(
          (body) => text(res, 200, body, metrics.registry.contentType),
          (error: Error) => text(res, 500, `metrics failed: ${error.message}\n`),
        );
      },
    },
  ];
}
