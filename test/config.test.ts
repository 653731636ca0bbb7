import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs the local console when no Slack variable is set', () => {
    expect(loadConfig({}).mode).toBe('console');
  });

  it('picks Socket Mode with an app token and HTTP mode with a signing secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-1-ab' }).mode).toBe('slack-socket');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: '0123456789abcdef0123' }).mode).toBe('slack-http');
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'not-a-token' }, /SLACK_BOT_TOKEN/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1-2-abc' }, /SLACK_SIGNING_SECRET/],
    [{ SLACK_APP_TOKEN: 'xapp-1-A1-1-ab' }, /SLACK_BOT_TOKEN/],
  ])('names the variable at fault (%o)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('KUBETRIAGE_CHANNEL_CLUSTERS', () => {
  it('takes context names as kubeconfigs spell them (EKS ARNs, GKE names) and "*" for every other channel', async () => {
    const { loadClusterEnv } = await import('../src/config.js');
    const env = loadClusterEnv({
      KUBETRIAGE_CHANNEL_CLUSTERS: 'C0PROD=arn:aws:eks:us-east-1:123456789012:cluster/prod,gke_acme-prod_europe-west1_main;*=dev',
    });
    expect(env.KUBETRIAGE_CHANNEL_CLUSTERS).toEqual({
      C0PROD: ['arn:aws:eks:us-east-1:123456789012:cluster/prod', 'gke_acme-prod_europe-west1_main'],
      '*': ['dev'],
    });
  });

  it('names the variable when the map is malformed', async () => {
    const { loadClusterEnv } = await import('../src/config.js');
    expect(() => loadClusterEnv({ KUBETRIAGE_CHANNEL_CLUSTERS: 'C0PROD prod' })).toThrow(/KUBETRIAGE_CHANNEL_CLUSTERS/);
  });
});
