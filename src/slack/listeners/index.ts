import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { ACTION } from '../render/actions.js';
import { onAddTeamIncident } from './add-team-incident.js';
import { onAppMention } from './app-mention.js';
import { DESCRIBE_VIEW, onCorrection, onDescribe, onDescribed, onFeedback } from './feedback.js';
import { onMessage } from './message.js';
import { onRunChecks } from './run-checks.js';
import { onRunbookCommand } from './runbook-command.js';
import { onScanCommand } from './scan-command.js';
import { onShowRunbook } from './show-runbook.js';
import { onTriageCommand } from './triage-command.js';
import { onUpgradeCheckCommand } from './upgrade-check-command.js';

/** Every listener, by what Slack sends; manifest.yml must declare exactly these (a test cross-checks). */
export const LISTENERS = {
  events: { message: onMessage, app_mention: onAppMention },
  commands: {
    '/runbook': onRunbookCommand,
    '/triage': onTriageCommand,
    '/upgrade-check': onUpgradeCheckCommand,
    '/scan': onScanCommand,
  },
  views: { [DESCRIBE_VIEW]: onDescribed },
  actions: {
    [ACTION.runChecks]: onRunChecks,
    [ACTION.runChecksNow]: onRunChecks,
    [ACTION.showRunbook]: onShowRunbook,
    [ACTION.helpful]: (deps: SlackDeps) => onFeedback(deps, 'helpful'),
    [ACTION.notThis]: (deps: SlackDeps) => onFeedback(deps, 'not-this'),
    [ACTION.addTeamIncident]: onAddTeamIncident,
    [ACTION.correction]: onCorrection,
    [ACTION.describe]: onDescribe,
  },
} as const;

/** Registrations only: each listener is a small function in its own file, testable without HTTP. */
export function registerListeners(app: App, deps: SlackDeps): void {
  app.event('message', LISTENERS.events.message(deps));
  app.event('app_mention', LISTENERS.events.app_mention(deps));
  for (const [name, listener] of Object.entries(LISTENERS.commands)) app.command(name, listener(deps));
  for (const [id, listener] of Object.entries(LISTENERS.actions)) app.action(id, listener(deps) as never);
  for (const [id, listener] of Object.entries(LISTENERS.views)) app.view(id, listener(deps) as never);
}
