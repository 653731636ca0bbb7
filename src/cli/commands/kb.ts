import { readActivity } from '../../activity/activity-log.js';
import { readRedisActivity } from '../../activity/redis-activity.js';
import { summarizeActivity } from '../../activity/summary.js';
import { runExamples } from '../../diagnose/examples.js';
import type { KnowledgeProblem } from '../../errors.js';
import { KnowledgeError } from '../../errors.js';
import { readLayers, teamFiles } from '../../knowledge/layers.js';
import { lintIncidents, MIN_MATCH_EXAMPLES, MIN_NO_MATCH_EXAMPLES, signaturePatterns } from '../../knowledge/lint.js';
import { type LoadedFile, readKnowledge } from '../../knowledge/load.js';
import { BUNDLED_VERDICTS_FILE, redosVerdicts } from '../../knowledge/redos-verdicts.js';
import { knowledgeStats } from '../../knowledge/stats.js';
import { buildCatalog } from '../../triage/build-catalog.js';
import { loadCatalog } from '../../triage/catalog.js';
import { declaredReads, describeRead, grants } from '../../triage/rbac.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';

function reportProblems(problems: KnowledgeProblem[], io: CliIo): void {
  for (const p of problems) io.err(`${p.file}: ${p.field}: ${p.message}`);
  io.err(`kb lint: ${problems.length} problem(s)`);
}

/**
 * Everything start-up checks, plus ReDoS safety, runbook safety and the authoring minimums. With
 * team folders, the merged set is built (clashes, references across layers) and the team's own
 * entries get the slow checks; the base is linted where it is maintained.
 */
export async function kbLintCommand(
  dirs: string[],
  io: CliIo,
  cacheDir?: string,
  /** analyse every pattern, reading neither the build's verdicts nor the cache (kb lint --no-cache) */
  fresh = false,
): Promise<number> {
  const loaded = dirs.length === 1 ? await readKnowledge(dirs[0] as string) : await readLayers(dirs);
  try {
    buildCatalog(loaded);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    reportProblems(error.problems, io);
    return EXIT.finding;
  }
  const team = dirs.length > 1 ? teamFiles(loaded) : undefined;
  const linted = team ?? loaded.files;
  const redos = await redosVerdicts(
    signaturePatterns(linted).map((p) => p.pattern),
    {
      ...(cacheDir && !fresh ? { cacheDir } : {}),
      ...(fresh ? {} : { seedFiles: [BUNDLED_VERDICTS_FILE] }),
      ...(io.progress
        ? { onAnalysed: (done: number, total: number) => io.progress?.(`kb lint: ReDoS analysis ${done}/${total} new pattern(s)`) }
        : {}),
    },
  );
  io.progress?.('');
  const lint = team
    ? lintIncidents(team, { knownIds: loaded.files.map((f) => f.incident.id), authoringMinimums: false, redos })
    : lintIncidents(loaded.files, { redos });
  if (lint.length > 0) {
    reportProblems(lint, io);
    return EXIT.finding;
  }
  const removals = loaded.removals.length;
  const what = team
    ? `${team.length} team incident(s) OK on top of ${loaded.files.length - team.length}`
    : `${loaded.files.length} incidents OK`;
  io.out(`kb lint: ${what}${removals > 0 ? `, ${removals} API removals OK` : ''}`);
  if (team) {
    // a replaced base entry is gone from the merged set, but the deployed RBAC still grants its reads
    const base = team.some((f) => f.incident.replaces !== undefined)
      ? (await readKnowledge(dirs[0] as string)).files
      : loaded.files.filter((f) => !team.includes(f));
    for (const note of readsBeyondShippedRbac(base, team)) io.out(note);
  }
  return EXIT.ok;
}

/**
 * The deployed RBAC (deploy/) is generated from the base knowledge: a team check that reads more
 * would be refused at run time and answer "inconclusive". Not a problem of the entry, so a note
 * (exit status unchanged) that names each read and how to grant it.
 */
function readsBeyondShippedRbac(base: readonly LoadedFile[], team: readonly LoadedFile[]): string[] {
  const granted = declaredReads(base.map((f) => f.incident));
  const notes: string[] = [];
  for (const file of team) {
    const missing = new Set<string>();
    for (const read of declaredReads([file.incident])) if (!grants(granted, read)) missing.add(describeRead(read));
    if (missing.size > 0) {
      notes.push(
        `note: ${file.incident.id}'s checks ${[...missing].join(', ')}, which the RBAC generated for the base knowledge (deploy/) does not allow: ` +
          'apply `kubetriage rbac` run with the same --kb folders, or those checks answer inconclusive (forbidden)',
      );
    }
  }
  return notes;
}

export async function kbTestCommand(dirs: string[], onlyId: string | undefined, io: CliIo): Promise<number> {
  // with team folders, every example runs against the merged set: a team signature that steals a
  // bundled example fails here, not in the channel
  const kb = await loadCatalog(dirs);
  if (onlyId && !kb.byId.has(onlyId)) {
    io.err(`kb test: no incident "${onlyId}". Known ids: ${[...kb.byId.keys()].join(', ')}`);
    return EXIT.usage;
  }
  // at most a hundred updates, whatever the knowledge base's size
  let shown = -1;
  const report = runExamples(kb, onlyId, (done, total) => {
    const percent = Math.floor((done * 100) / Math.max(1, total));
    if (!io.progress || percent === shown) return;
    shown = percent;
    io.progress(`kb test: ${done}/${total} examples`);
  });
  io.progress?.('');
  for (const f of report.failures) {
    io.err(`FAIL ${f.incident} examples.${f.kind}[${f.index}]: expected ${f.expected}, got ${f.got}\n     ${f.excerpt}`);
  }
  io.out(`kb test: ${report.checked - report.failures.length} passed, ${report.failures.length} failed`);
  return report.failures.length > 0 ? EXIT.finding : EXIT.ok;
}

export async function kbStatsCommand(
  dirs: string[],
  dataDir: string,
  redisUrl: string | undefined,
  json: boolean,
  io: CliIo,
): Promise<number> {
  const kb = await loadCatalog(dirs);
  const stats = knowledgeStats(kb.incidents);
  const { records, skipped } = redisUrl ? await readFromRedis(redisUrl) : await readActivity(dataDir);
  const activity = summarizeActivity(records);
  if (json) {
    io.out(JSON.stringify({ ...stats, activity: { ...activity, skippedLines: skipped } }));
    return EXIT.ok;
  }
  const table = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  const explained = new Set(stats.withoutVerificationExplained);
  const unexplained = stats.withoutVerification.filter((id) => !explained.has(id));
  io.out(
    [
      `${stats.incidents} incidents, ${stats.signatures} signatures, ${stats.examples.match} match / ${stats.examples.noMatch} noMatch examples`,
      `by category:  ${table(stats.byCategory)}`,
      `by severity:  ${table(stats.bySeverity)}`,
      `by platform:  ${table(stats.byPlatform) || '-'}`,
      `by component: ${table(stats.byComponent)}`,
      `without cluster evidence: ${stats.withoutEvidence.join(', ') || 'none'}`,
      `with a cluster verification: ${stats.withVerification} of ${stats.incidents} (${Math.round((100 * stats.withVerification) / Math.max(1, stats.incidents))} %); ${stats.withDecidingVerification} can confirm or refute (a required check), ${stats.withVerification - stats.withDecidingVerification} only show evidence; ${stats.withLiveEvidence} read live logs or events`,
      `without one, saying why (evidenceNote) (${stats.withoutVerificationExplained.length}): ${stats.withoutVerificationExplained.join(', ') || 'none'}`,
      `without one and without a reason (${unexplained.length}): ${unexplained.join(', ') || 'none'}`,
      `below the example minimum (${MIN_MATCH_EXAMPLES} match, ${MIN_NO_MATCH_EXAMPLES} noMatch) (${stats.belowExampleMinimum.length})${stats.belowExampleMinimum.length > 0 ? ':' : ': none'}`,
      ...stats.belowExampleMinimum.map(
        (b) => `  ${b.id} (${b.match} match, ${b.noMatch} noMatch): ${b.reason?.replace(/\s+/g, ' ') ?? 'no reason given (exampleGap)'}`,
      ),
      '',
      `activity in ${dataDir}: ${activity.diagnoses} diagnoses, ${activity.matches} matched${skipped > 0 ? ` (${skipped} unreadable lines skipped)` : ''}`,
      ...activity.byIncident.map((a) => `  ${a.incident.padEnd(44)} hits ${a.hits}  helpful ${a.helpful}  not this ${a.notThis}`),
      ...(activity.corrections.length > 0 ? ['answers marked "Not this", and what they were:'] : []),
      ...activity.corrections.map((c) => `  ${c.count}× ${c.incident} → ${c.was === 'new' ? 'none of the known incidents' : c.was}`),
      ...(activity.unmatched.length > 0 ? ['most frequent unmatched pastes:'] : []),
      ...activity.unmatched.map((u) => `  ${u.count}× ${u.paste.slice(0, 12)}  ${u.sample}`),
    ].join('\n'),
  );
  return EXIT.ok;
}

/** Several replicas write their activity to Redis; read it from there. */
export async function readFromRedis(url: string) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { maxRetriesPerRequest: 2, connectTimeout: 5000 });
  try {
    return await readRedisActivity(redis);
  } finally {
    redis.disconnect();
  }
}

/** Every incident; with team folders, where each comes from (and what it replaces). */
export async function kbListCommand(dirs: string[], io: CliIo): Promise<number> {
  const kb = await loadCatalog(dirs);
  for (const i of kb.incidents) {
    const layer = kb.layers.get(i.id);
    const from = dirs.length > 1 ? `  [${layer === kb.dir ? 'bundled' : layer}${i.replaces ? `, replaces ${i.replaces}` : ''}]` : '';
    io.out(`${i.id.padEnd(44)} ${i.severity.padEnd(8)} ${i.title}${from}`);
  }
  return EXIT.ok;
}
