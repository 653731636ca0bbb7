import type { UpgradeFinding, UpgradeReport } from '../../upgrade/upgrade-check.js';
import { ACTION, encodeValue } from './actions.js';
import { type Block, button, capBlocks, context, header, section } from './blocks.js';
import type { SlackMessage } from './diagnosis-blocks.js';
import { escapeMrkdwn, LIMITS, truncate } from './mrkdwn.js';
import { renderStepsMrkdwnChunks } from './steps.js';

const MAX_FINDINGS = 20;

const show = (e: UpgradeFinding['observations'][number]) =>
  typeof e === 'string' ? e : `${e.object} ${e.field} = ${typeof e.observed === 'string' ? e.observed : JSON.stringify(e.observed)}`;

function findingBlock(f: UpgradeFinding): Block {
  const mark = f.priority === 'required' ? ':red_circle:' : ':large_yellow_circle:';
  const observations = f.observations
    .slice(0, 2)
    .map((e) => `\n> ${escapeMrkdwn(truncate(show(e), 300))}`)
    .join('');
  const text = `${mark} *${escapeMrkdwn(f.title)}* \`${escapeMrkdwn(f.id)}\`${observations}${f.fix && !f.phases ? `\n_${escapeMrkdwn(truncate(f.fix, 400))}_` : ''}`;
  const block: Block = { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
  if (f.runbook) block.accessory = button(ACTION.showRunbook, 'Show runbook', encodeValue({ incident: f.runbook }));
  return block;
}

/**
 * The phase to do now with every step, its markers and commands (in as many sections as Slack's
 * limit needs, so no step is cut off), then the later phases by title.
 */
function phaseBlocks(f: UpgradeFinding): Block[] {
  const [now, ...later] = f.phases ?? [];
  if (!now) return [];
  const heading = `*Do now, phase 1 of ${later.length + 1}:* ${escapeMrkdwn(now.title)}`;
  const blocks: Block[] = renderStepsMrkdwnChunks(now.steps).map((chunk, k) => section(k === 0 ? `${heading}\n${chunk}` : chunk, ''));
  if (later.length > 0) blocks.push(context(escapeMrkdwn(`then: ${later.map((p, k) => `${k + 2}. ${p.title}`).join(' · ')}`)));
  return blocks;
}

/** Summary line, then Required, then Recommended, each with what was observed and a runbook button. */
export function renderUpgradeBlocks(report: UpgradeReport): SlackMessage {
  const shown = report.findings.slice(0, MAX_FINDINGS);
  const blocks: Block[] = [header(report.summary)];
  if (report.distributionEvidence.length > 0) {
    blocks.push(context(escapeMrkdwn(truncate(`${report.distribution}: ${report.distributionEvidence.join(' · ')}`, 1900))));
  }
  blocks.push(...shown.flatMap((f) => [findingBlock(f), ...phaseBlocks(f)]));
  if (report.findings.length === 0) blocks.push(section(':large_green_circle: No known risk found for this upgrade.', ''));
  if (report.findings.length > shown.length) {
    blocks.push(
      context(
        `…and ${report.findings.length - shown.length} more: \`kubetriage upgrade-check --cluster ${escapeMrkdwn(report.cluster)} --to ${report.target}\``,
      ),
    );
  }
  if (report.coverage.length > 0) blocks.push(context(escapeMrkdwn(truncate(`Coverage: ${report.coverage.join(' · ')}`, 1900))));
  return { text: escapeMrkdwn(report.summary), blocks: capBlocks(blocks) };
}
