import { z } from 'zod';
import { KubetriageError } from './errors.js';

const names = z.string().transform((v) =>
  v
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean),
);

/** Clusters: the CLI reads only these, the bot all of envSchema. */
const clusterEnv = z.object({
  KUBECONFIG: z
    .string()
    .transform((v) => v.split(':').filter(Boolean))
    .default([]),
  KUBETRIAGE_CLUSTERS: names.default([]),
  // Context names as kubeconfigs spell them, EKS ARNs (arn:aws:eks:…:cluster/prod) and GKE names included.
  KUBETRIAGE_CHANNEL_CLUSTERS: z
    .string()
    .regex(
      /^((?:[A-Z0-9]+|\*)=[\w.:/@-]+(?:,[\w.:/@-]+)*)(;(?:[A-Z0-9]+|\*)=[\w.:/@-]+(?:,[\w.:/@-]+)*)*$/,
      'must look like C0123=prod-eu,staging;C0456=dev;*=dev ("*" is every other channel)',
    )
    .transform((v) =>
      Object.fromEntries(
        v
          .split(';')
          .map((pair) => pair.split('=') as [string, string])
          .map(([c, list]) => [c, list.split(',')]),
      ),
    )
    .default({}),
  KUBETRIAGE_CHANNEL_DEFAULT_CLUSTERS: z
    .string()
    .regex(/^([A-Z0-9]+=[\w.:/@-]+)(;[A-Z0-9]+=[\w.:/@-]+)*$/, 'must look like C0123=prod-eu;C0456=dev')
    .transform((v) => Object.fromEntries(v.split(';').map((pair) => pair.split('=') as [string, string])))
    .default({}),
  KUBETRIAGE_AUTO_VERIFY_CHANNELS: names.default([]),
  KUBETRIAGE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  KUBETRIAGE_CHECK_BUDGET_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
  KUBETRIAGE_ALLOW_EXEC_AUTH: z.enum(['true', 'false']).default('false'),
});

export type ClusterEnv = z.infer<typeof clusterEnv>;

/** The cluster part of the environment, for the CLI (which needs no Slack settings). */
export function loadClusterEnv(env: Record<string, string | undefined>): ClusterEnv {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in clusterEnv.shape && v !== undefined && v !== ''));
  const result = clusterEnv.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** A comma-separated list of Slack ids, each of the given shape. */
function slackIds(shape: RegExp, message: string) {
  return z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(shape, message)));
}

/** The only reader of environment variables; main.ts passes process.env in. */
const envSchema = z.object({
  KUBETRIAGE_KNOWLEDGE_DIR: z.string().min(1).optional(),
  // team folders loaded on top of the base, colon-separated like PATH
  KUBETRIAGE_KNOWLEDGE_DIRS: z
    .string()
    .default('')
    .transform((value) => value.split(':').filter(Boolean)),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token (xoxb-…)')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-[A-Za-z0-9-]+$/, 'must be an app-level token (xapp-…)')
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(16, 'must be the app signing secret').optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL ending in /api/' }).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  KUBETRIAGE_DATA_DIR: z.string().min(1).default('data'),
  KUBETRIAGE_AUDIT_FILE: z.string().min(1).optional(),
  KUBETRIAGE_WATCH_KNOWLEDGE: z.enum(['true', 'false']).default('false'),
  // compiled-knowledge snapshots (src/triage/knowledge-snapshot.ts reads these from the environment; validated here for the bot)
  KUBETRIAGE_SNAPSHOTS: z.enum(['on', 'off']).default('on'),
  KUBETRIAGE_CACHE_DIR: z.string().min(1).optional(),
  // bots whose posts are triaged like a person's (Alertmanager, PagerDuty): their bot ids
  KUBETRIAGE_TRIAGE_BOTS: slackIds(/^B[A-Z0-9]{2,}$/, 'must be Slack bot ids, e.g. B0123ABCD,B0456EFGH'),
  // Slack user ids who may turn a paste into a team incident (the bot shows them the kb new command)
  KUBETRIAGE_KB_AUTHORS: slackIds(/^[UW][A-Z0-9]{2,}$/, 'must be Slack user ids, e.g. U0123ABCD,U0456EFGH'),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  ...clusterEnv.shape,
});

/** Every variable the app reads; README and .env.example document each (a test checks). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);

export type Config = z.infer<typeof envSchema> & { mode: 'console' | 'slack-socket' | 'slack-http' };

export class ConfigError extends KubetriageError {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  const config = result.data;
  if (!config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) return { ...config, mode: 'console' };
  if (!config.SLACK_BOT_TOKEN) throw new ConfigError('SLACK_BOT_TOKEN: required when any Slack variable is set');
  if (config.SLACK_APP_TOKEN) return { ...config, mode: 'slack-socket' };
  if (!config.SLACK_SIGNING_SECRET) {
    throw new ConfigError('SLACK_SIGNING_SECRET: required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  return { ...config, mode: 'slack-http' };
}
