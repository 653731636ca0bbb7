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
