import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { httpManifest } from '../../src/slack/http-manifest.js';
import { LISTENERS } from '../../src/slack/listeners/index.js';

// what the app registers, read from the one registration table
const COMMANDS = Object.keys(LISTENERS.commands);
const PASTE_EVENTS = Object.keys(LISTENERS.events);

interface Manifest {
  features: { slash_commands: Array<{ command: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

describe('manifest.yml', async () => {
  const manifest = yaml.load(await readFile(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Manifest;

  it('declares exactly the slash commands the code registers', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual([...COMMANDS].sort());
  });

  it('subscribes to the events the listeners handle, and no others', () => {
    const events = manifest.settings.event_subscriptions.bot_events;
    expect(PASTE_EVENTS).toContain('app_mention');
    expect(events).toContain('app_mention');
    // "message" reaches the app as message.<channel type>: public, private, DMs and group DMs.
    expect(events.filter((e) => e.startsWith('message.')).sort()).toEqual([
      'message.channels',
      'message.groups',
      'message.im',
      'message.mpim',
    ]);
    expect(events).toHaveLength(5);
  });

  it('asks for exactly the scopes those need, interactivity on, Socket Mode on', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'commands',
      // snippets and text files shared with a paste
      'files:read',
      'groups:history',
      'im:history',
      'mpim:history',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('manifest.http.yml is the same app in HTTP mode, as npm run manifest writes it', async () => {
    const committed = await readFile(new URL('../../manifest.http.yml', import.meta.url), 'utf8');
    expect(committed).toBe(httpManifest(await readFile(new URL('../../manifest.yml', import.meta.url), 'utf8')));
    const http = yaml.load(committed) as Manifest & {
      settings: { event_subscriptions: { request_url: string }; interactivity: { request_url: string } };
    };
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.settings.event_subscriptions.request_url).toBe('https://kubetriage.example.com/slack/events');
    expect(http.settings.interactivity.request_url).toBe('https://kubetriage.example.com/slack/events');
    expect(http.features.slash_commands.map((c) => (c as { url?: string }).url)).toEqual(
      COMMANDS.map(() => 'https://kubetriage.example.com/slack/events'),
    );
    expect([...http.oauth_config.scopes.bot].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });
});
