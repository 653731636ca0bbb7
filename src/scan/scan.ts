import { ago } from '../cluster/live-limits.js';
import { inLog, pasteAfter } from '../cluster/pod-logs.js';
import type { ClusterReader } from '../cluster/reader.js';
import { diagnose } from '../diagnose/diagnose.js';
import type { MatcherSnapshot } from '../diagnose/matcher.js';
import type { Confidence } from '../diagnose/score.js';
import type { IncidentMatch } from '../diagnose/types.js';
import type { Incident } from '../knowledge/schema.js';
import { SCAN_NAMESPACES } from './namespaces.js';
import { SCAN_FORMAT_VERSION, type ScanEvidence, type ScanFinding, type ScanProgress, type ScanReport, type ScanSource } from './types.js';
import { collectUnits, type TextUnit } from './units.js';

export interface ScanOptions {
  /** the whole scan's time budget: reads stop there, and what was not read is reported */
  budgetMs: number;
  namespaces?: readonly string[];
  onProgress?: (progress: ScanProgress) => void;
  /** for tests: the clock "first seen" is measured against */
  now?: number;
}

const SEVERITY_RANK: Record<Incident['severity'], number> = { critical: 0, high: 1, medium: 2, low: 3 };
const CONFIDENCE_RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };
const EVIDENCE_SHOWN = 5;

interface Sighting {
  unit: TextUnit;
  match: IncidentMatch;
}

/**
 * What is wrong with a cluster right now, with no paste: its node conditions, recent Warning
 * events and system logs, each matched on its own by the whole knowledge base — the same
 * verdict a paste of that text would get, so precision carries over — then gathered per
 * incident with where it was seen.
 */
export async function scanCluster(reader: ClusterReader, kb: MatcherSnapshot, options: ScanOptions): Promise<ScanReport> {
  const started = performance.now();
  const startedAt = new Date(options.now ?? Date.now()).toISOString();
  const signal = AbortSignal.timeout(options.budgetMs);
  const progress = options.onProgress ?? (() => undefined);
  const collected = await collectUnits(reader, options.namespaces ?? SCAN_NAMESPACES, signal, progress);

  const sightings = new Map<string, Sighting[]>();
  collected.units.forEach((unit, i) => {
    if (i % 50 === 0) progress({ phase: 'matching', done: i, total: collected.units.length });
    const { command } = unit;
    const text = command === undefined ? unit.lines.join('\n') : pasteAfter(command, unit.lines);
    for (const found of diagnose(text, kb, { runnerUps: 0, neighbours: false }).matches) {
      if (!found.matched || found.basis !== 'signature') continue;
      // evidence in the command line is not evidence from the cluster; the rest is numbered as the log is
      const evidence = command === undefined ? found.evidence : inLog(found.evidence);
      if (!evidence.some((e) => e.strength !== 'supporting')) continue;
      const match = { ...found, evidence };
      sightings.set(match.id, [...(sightings.get(match.id) ?? []), { unit, match }]);
    }
  });
  progress({ phase: 'matching', done: collected.units.length, total: collected.units.length });

  const findings = withoutExplainedGenerics(
    [...sightings].flatMap(([id, seen]) => {
      const incident = kb.byId.get(id);
      return incident ? [finding(incident, seen, collected.roles, options.now ?? Date.now())] : [];
    }),
    kb,
  ).sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      b.scope.objects.length - a.scope.objects.length ||
      CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence] ||
      b.scope.occurrences - a.scope.occurrences ||
      a.incident.localeCompare(b.incident),
  );
  return {
    formatVersion: SCAN_FORMAT_VERSION,
    cluster: reader.cluster,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    read: collected.read,
    unread: collected.unread,
    findings,
    complete: collected.complete,
  };
}

function finding(incident: Incident, seen: Sighting[], roles: Map<string, string[]>, now: number): ScanFinding {
  const objects = unique(seen.map((s) => s.unit.object));
  const namespaces = unique(seen.flatMap((s) => (s.unit.namespace ? [s.unit.namespace] : [])));
  const nodes = unique(seen.flatMap((s) => (s.unit.node ? [s.unit.node] : [])));
  const sources = unique(seen.map((s) => s.unit.source)) as ScanSource[];
  const evidence: ScanEvidence[] = [];
  const times: string[] = [];
  let occurrences = 0;
  for (const { unit, match } of seen) {
    const lines = match.evidence.filter((e) => e.strength !== 'supporting');
    // a log line that several signatures read is one occurrence
    const logLines = new Set(lines.map((e) => e.line));
    occurrences += unit.source === 'logs' ? logLines.size : unit.count;
    for (const line of logLines) {
      const at = unit.times?.[line - 1] ?? unit.lastSeen;
      if (at) times.push(at);
    }
    if (unit.firstSeen) times.push(unit.firstSeen);
    const first = lines[0];
    if (first && evidence.length < EVIDENCE_SHOWN) {
      const at = unit.times?.[first.line - 1] ?? unit.lastSeen;
      const object = unit.part ? `${unit.object} ${unit.part}` : unit.object;
      evidence.push({ source: unit.source, object, text: first.text, signature: first.signature, ...(at ? { at } : {}) });
    }
  }
  times.sort();
  const confidence = seen.some((s) => s.match.confidence === 'high') ? 'high' : 'medium';
  const firstSeen = times[0];
  const lastSeen = times.at(-1);
  return {
    incident: incident.id,
    title: incident.title,
    severity: incident.severity,
    confidence,
    scope: {
      summary: summaryOf({ objects, namespaces, nodes, sources, firstSeen, workloads: workloadsOf(seen), roles }, now),
      sources,
      objects,
      namespaces,
      nodes,
      occurrences,
      ...(firstSeen ? { firstSeen } : {}),
      ...(lastSeen ? { lastSeen } : {}),
    },
    evidence,
  };
}

interface Where {
  objects: string[];
  namespaces: string[];
  nodes: string[];
  sources: string[];
  firstSeen: string | undefined;
  /** "kube-system/DaemonSet/calico-node" → how many of its pods showed it, of how many */
  workloads: Map<string, { seen: number; pods: number }>;
  roles: Map<string, string[]>;
}

/** "1 of 3 pods of kube-system/DaemonSet/calico-node, on i-0a1b (control-plane); in logs; first seen 2 min ago" */
function summaryOf(w: Where, now: number): string {
  const workloads = [...w.workloads].map(([name, n]) => `${n.seen} of ${n.pods} pod(s) of ${name}`);
  const others = w.objects.length - [...w.workloads.values()].reduce((sum, n) => sum + n.seen, 0);
  const inNamespaces =
    w.namespaces.length === 0 ? '' : ` in ${w.namespaces.length <= 2 ? w.namespaces.join(', ') : `${w.namespaces.length} namespaces`}`;
  const rest = others > 0 ? [`${others} ${workloads.length ? 'other ' : ''}object(s)${workloads.length ? '' : inNamespaces}`] : [];
  const what = [...workloads, ...rest].join(', ');
  const roleNames = [...new Set(w.nodes.flatMap((n) => w.roles.get(n) ?? []))].sort();
  const nodes =
    w.nodes.length === 0
      ? ''
      : `, on ${w.nodes.length <= 3 ? w.nodes.join(', ') : `${w.nodes.length} nodes`}${roleNames.length ? ` (${roleNames.join(', ')})` : ''}`;
  const since = ago(w.firstSeen, now);
  return `${what}${nodes}; seen in ${w.sources.join(' and ')}${since ? `; first seen ${since}` : ''}`;
}

function workloadsOf(seen: Sighting[]): Where['workloads'] {
  const pods = new Map<string, { pods: Set<string>; total: number }>();
  for (const { unit } of seen) {
    if (!unit.workload) continue;
    const entry = pods.get(unit.workload.name) ?? { pods: new Set<string>(), total: unit.workload.pods };
    entry.pods.add(unit.object);
    pods.set(unit.workload.name, entry);
  }
  return new Map([...pods].map(([name, e]) => [name, { seen: e.pods.size, pods: e.total }]));
}

/**
 * A generic entry found next to a specific one that explains it (nodes NotReady with "cni plugin
 * not initialized" beside the aws-node 403s that cause it) is one problem: the generic's objects
 * and evidence join the specific finding, which says what it explains.
 */
function withoutExplainedGenerics(findings: ScanFinding[], kb: MatcherSnapshot): ScanFinding[] {
  const explained = new Set<string>();
  for (const specific of findings) {
    const generics = findings.filter((f) => kb.byId.get(specific.incident)?.specializes.includes(f.incident));
    if (generics.length === 0) continue;
    for (const generic of generics) {
      explained.add(generic.incident);
      const scope = specific.scope;
      scope.objects = unique([...scope.objects, ...generic.scope.objects]);
      scope.namespaces = unique([...scope.namespaces, ...generic.scope.namespaces]);
      scope.nodes = unique([...scope.nodes, ...generic.scope.nodes]);
      scope.sources = unique([...scope.sources, ...generic.scope.sources]);
      scope.occurrences += generic.scope.occurrences;
      const times = [scope.firstSeen, generic.scope.firstSeen, scope.lastSeen, generic.scope.lastSeen]
        .filter((t): t is string => Boolean(t))
        .sort();
      if (times[0]) scope.firstSeen = times[0];
      if (times.at(-1)) scope.lastSeen = times.at(-1);
      scope.summary = `${scope.summary}; explains ${generic.incident}: ${generic.scope.summary}`;
      specific.evidence.push(...generic.evidence.slice(0, Math.max(0, EVIDENCE_SHOWN - specific.evidence.length)));
    }
    specific.explains = generics.map((g) => g.incident).sort();
  }
  return findings.filter((f) => !explained.has(f.incident));
}

const unique = <T>(values: T[]): T[] => [...new Set(values)].sort();
