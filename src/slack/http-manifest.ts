import yaml from 'js-yaml';

/** Where the HTTP receiver listens (createSlackApp endpoints). */
export const EVENTS_PATH = '/slack/events';

interface Manifest {
  features: { slash_commands: Array<Record<string, unknown>> } & Record<string, unknown>;
  settings: {
    event_subscriptions: Record<string, unknown>;
    interactivity: Record<string, unknown>;
    socket_mode_enabled: boolean;
  } & Record<string, unknown>;
}

/**
 * The HTTP-mode twin of manifest.yml: the same app with Socket Mode off and every request URL
 * (events, interactivity, each slash command) at https://HOST/slack/events. Generated, so the
 * two can never drift (npm run manifest; a test compares the committed file).
 */
export function httpManifest(socketManifest: string, host = 'kubetriage.example.com'): string {
  const manifest = yaml.load(socketManifest) as Manifest;
  const url = `https://${host}${EVENTS_PATH}`;
  manifest.settings.socket_mode_enabled = false;
  manifest.settings.event_subscriptions = { request_url: url, ...manifest.settings.event_subscriptions };
  manifest.settings.interactivity = { ...manifest.settings.interactivity, request_url: url };
  manifest.features.slash_commands = manifest.features.slash_commands.map((c) => ({ ...c, url }));
  const header = [
    '# Generated from manifest.yml by `npm run manifest`: the same app in HTTP mode (several replicas',
    `# behind a load balancer). Replace ${host} with your host; the bot answers at ${EVENTS_PATH}.`,
  ].join('\n');
  return `${header}\n${yaml.dump(manifest, { lineWidth: 120, noRefs: true })}`;
}
