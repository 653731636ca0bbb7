/**
 * The structured details an error message carries, parsed so the answer can be specific: which
 * scheduling predicates failed on how many nodes, the exit code and what it means, the image and
 * registry a pull failed on and with what status, the webhook and the endpoint that did not
 * answer. Parsed from the redacted display lines (original case); every list is capped.
 */

const MAX_CLUES = 6;

export type SchedulingReasonKind =
  | 'insufficient'
  | 'taint'
  | 'selector'
  | 'affinity'
  | 'volume'
  | 'too-many-pods'
  | 'unschedulable'
  | 'other';

export interface SchedulingReason {
  /** how many nodes gave this reason */
  nodes: number;
  kind: SchedulingReasonKind;
  /** the resource (cpu, memory, nvidia.com/gpu) or the taint key, when the message names one */
  detail?: string;
  /** the reason as the scheduler printed it */
  text: string;
}

export interface SchedulingClue {
  available: number;
  total: number;
  reasons: SchedulingReason[];
}

export interface ContainerExitClue {
  exitCode?: number;
  /** Kubernetes termination or waiting reason: OOMKilled, Error, CrashLoopBackOff, … */
  reason?: string;
  /** what the code means, for codes with a fixed meaning */
  meaning?: string;
}

export interface ImagePullClue {
  image: string;
  registry: string;
  /** the registry's answer or the transport failure: 401, 403, 404, 429, x509, dns, network */
  status?: string;
}

export interface WebhookClue {
  webhook: string;
  endpoint?: string;
  /** timeout, connection refused, no endpoints, x509, … */
  failure?: string;
}

export interface Clues {
  scheduling?: SchedulingClue;
  exits?: ContainerExitClue[];
  images?: ImagePullClue[];
  webhooks?: WebhookClue[];
}

/** 0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {…}. preemption: … */
const NODES_AVAILABLE = /\b(\d{1,5})\/(\d{1,5}) nodes are available: (.{1,2000}?)(?:\.?\s+preemption:|\.\s*$|$)/i;

function schedulingReason(item: string): SchedulingReason | undefined {
  const match = /^(\d{1,5})\s+(.+)$/.exec(item.trim());
  if (!match) return undefined;
  const nodes = Number(match[1]);
  const text = (match[2] ?? '').replace(/\.$/, '').trim();
  const insufficient = /^Insufficient\s+(\S+)/i.exec(text);
  if (insufficient) return { nodes, kind: 'insufficient', detail: insufficient[1] as string, text };
  const taint = /taints?\s*\{([^}:]{1,253})/i.exec(text);
  if (taint) return { nodes, kind: 'taint', detail: (taint[1] as string).trim(), text };
  if (/node affinity\/selector|node\(s\) didn't match (?:pod's )?node (?:selector|affinity)|didn't match node selector/i.test(text))
    return { nodes, kind: 'selector', text };
  if (/volume node affinity conflict|had volume node affinity/i.test(text)) return { nodes, kind: 'volume', text };
  if (/pod (?:anti-)?affinity|topology spread/i.test(text)) return { nodes, kind: 'affinity', text };
  if (/too many pods/i.test(text)) return { nodes, kind: 'too-many-pods', text };
  if (/unschedulable/i.test(text)) return { nodes, kind: 'unschedulable', text };
  return { nodes, kind: 'other', text };
}

function scheduling(lines: readonly string[]): SchedulingClue | undefined {
  for (const line of lines) {
    const match = NODES_AVAILABLE.exec(line);
    if (!match) continue;
    // items are separated by ", " before the next count; taint braces may hold commas and dots
    const reasons = (match[3] ?? '')
      .split(/,\s+(?=\d{1,5}\s)/)
      .map(schedulingReason)
      .filter((r): r is SchedulingReason => r !== undefined)
      .slice(0, MAX_CLUES);
    return { available: Number(match[1]), total: Number(match[2]), reasons };
  }
  return undefined;
}

/** Exit codes with a fixed meaning (128 + signal, or the shell's own). */
const EXIT_MEANING: Record<number, string> = {
  0: 'the process finished successfully; a container that must keep running exited',
  1: 'the application failed; its own log says why',
  2: 'the program rejected its arguments or shell usage',
  126: 'the command exists but cannot be executed (permissions or wrong format)',
  127: 'the command was not found in the image',
  128: 'the runtime could not start the process',
  134: 'SIGABRT: the process aborted',
  137: 'SIGKILL: killed, usually by the kernel OOM killer at the memory limit, or after a failed liveness probe',
  139: 'SIGSEGV: the process crashed with a segmentation fault',
  143: 'SIGTERM: asked to stop (a liveness probe, an eviction or a rollout)',
};

const EXIT_CODE = /\b(?:exit ?code|exitCode)["':\s=]{1,12}(\d{1,3})\b|\bexited with (?:code|status) (\d{1,3})\b/i;
const TERMINATION_REASON =
  /\b(?:Reason|"reason")["':\s]{1,12}"?(OOMKilled|Error|Completed|ContainerCannotRun|StartError|CrashLoopBackOff|DeadlineExceeded)\b/;

function exits(lines: readonly string[]): ContainerExitClue[] {
  const found: ContainerExitClue[] = [];
  const seen = new Set<string>();
  let reason: string | undefined;
  for (const line of lines) {
    reason = TERMINATION_REASON.exec(line)?.[1] ?? reason;
    const code = EXIT_CODE.exec(line);
    if (!code) continue;
    const exitCode = Number(code[1] ?? code[2]);
    const clue: ContainerExitClue = {
      exitCode,
      ...(reason ? { reason } : {}),
      ...(EXIT_MEANING[exitCode] ? { meaning: EXIT_MEANING[exitCode] } : {}),
    };
    const key = `${exitCode}:${reason ?? ''}`;
    if (!seen.has(key) && found.length < MAX_CLUES) found.push(clue);
    seen.add(key);
    reason = undefined;
  }
  if (found.length === 0 && reason === 'OOMKilled') found.push({ reason, exitCode: 137, meaning: EXIT_MEANING[137] as string });
  return found;
}

const IMAGE_REFERENCE =
  /(?:Failed to pull image|Back-off pulling image|failed to resolve reference|Error: image|pulling image) "?([a-z0-9][\w.-]*(?::\d{1,5}(?=\/))?(?:\/[\w.-]+)*(?::[\w.-]{1,128})?(?:@sha256:[a-f0-9]{64})?)"?/i;

/** The host part of an image reference, as the runtime resolves it. */
export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

function pullStatus(line: string): string | undefined {
  const http =
    /\b(401|403|404|429|500|502|503)\b(?: (?:Unauthorized|Forbidden|Not Found|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable))?/i.exec(
      line,
    );
  if (/toomanyrequests/i.test(line)) return '429';
  if (/manifest unknown|not found: manifest|: not found$/i.test(line)) return '404';
  if (/x509:/i.test(line)) return 'x509';
  if (/no such host|server misbehaving|Temporary failure in name resolution/i.test(line)) return 'dns';
  if (/i\/o timeout|connection refused|connection timed out|network is unreachable/i.test(line)) return 'network';
  if (/denied|unauthorized|authentication required/i.test(line)) return http?.[1] ?? 'unauthorized';
  if (/server gave HTTP response to HTTPS client/i.test(line)) return 'plain-http';
  return http?.[1];
}

function images(lines: readonly string[]): ImagePullClue[] {
  const found = new Map<string, ImagePullClue>();
  for (const line of lines) {
    const match = IMAGE_REFERENCE.exec(line);
    if (!match?.[1] || !/[:/@]/.test(match[1])) continue;
    const image = match[1];
    const status = pullStatus(line);
    const known = found.get(image);
    if (known) {
      if (!known.status && status) known.status = status;
      continue;
    }
    if (found.size < MAX_CLUES) found.set(image, { image, registry: registryOf(image), ...(status ? { status } : {}) });
  }
  return [...found.values()];
}

const WEBHOOK = /failed calling webhook "([^"]{1,253})"(?:[^"]{0,80}(?:Post|Get) "?(https?:\/\/[^"\s?]{1,300}))?/i;

function webhookFailure(line: string): string | undefined {
  const noEndpoints = /no endpoints available for service "([^"]{1,253})"/i.exec(line);
  if (noEndpoints) return `no endpoints for service ${noEndpoints[1]}`;
  const missing = /service "([^"]{1,253})" not found/i.exec(line);
  if (missing) return `service ${missing[1]} not found`;
  if (/context deadline exceeded|timeout/i.test(line)) return 'timeout';
  if (/connection refused/i.test(line)) return 'connection refused';
  if (/x509:/i.test(line)) return 'x509';
  if (/no route to host/i.test(line)) return 'no route to host';
  return undefined;
}

function webhooks(lines: readonly string[]): WebhookClue[] {
  const found = new Map<string, WebhookClue>();
  for (const line of lines) {
    const match = WEBHOOK.exec(line);
    if (!match?.[1] || found.has(match[1]) || found.size >= MAX_CLUES) continue;
    const failure = webhookFailure(line);
    found.set(match[1], { webhook: match[1], ...(match[2] ? { endpoint: match[2] } : {}), ...(failure ? { failure } : {}) });
  }
  return [...found.values()];
}

/**
 * Words every line a clue comes from holds (EXIT_CODE needs "exit"; a termination reason alone
 * counts only when it is OOMKilled): one search of the whole text spares a kind of clue its
 * regexes on every line of a paste that has none.
 */
const SCHEDULING_WORDS = /nodes are available: /i;
const EXIT_WORD = /exit/i;
const PULL_WORDS = /image|resolve reference/i;
const WEBHOOK_WORDS = /failed calling webhook "/i;

/** `text`: the lines joined by newlines, when the caller has it already. */
export function extractClues(lines: readonly string[], text = lines.join('\n')): Clues {
  const clues: Clues = {};
  const sched = SCHEDULING_WORDS.test(text) ? scheduling(lines) : undefined;
  if (sched) clues.scheduling = sched;
  const exitClues = EXIT_WORD.test(text) || text.includes('OOMKilled') ? exits(lines) : [];
  if (exitClues.length > 0) clues.exits = exitClues;
  const pulls = PULL_WORDS.test(text) ? images(lines) : [];
  if (pulls.length > 0) clues.images = pulls;
  const hooks = WEBHOOK_WORDS.test(text) ? webhooks(lines) : [];
  if (hooks.length > 0) clues.webhooks = hooks;
  return clues;
}

const KIND_WORDS: Record<SchedulingReasonKind, (r: SchedulingReason) => string> = {
  insufficient: (r) => `lack ${r.detail === 'cpu' ? 'CPU' : (r.detail ?? 'resources')}`,
  taint: (r) => `carry the taint ${r.detail ?? ''}`.trim(),
  selector: () => "don't match the nodeSelector/affinity",
  affinity: () => 'fail pod (anti-)affinity or topology spread',
  volume: () => "are in another zone than the pod's volume",
  'too-many-pods': () => 'are at their pod limit',
  unschedulable: () => 'are cordoned (unschedulable)',
  other: (r) => r.text,
};

/** The clues as short sentences, for the reply ("2 nodes lack CPU, 3 carry the taint …"). */
export function describeClues(clues: Clues): string[] {
  const out: string[] = [];
  if (clues.scheduling) {
    const { available, total, reasons } = clues.scheduling;
    const parts = reasons.map((r) => `${r.nodes} ${r.nodes === 1 ? 'node' : 'nodes'} ${KIND_WORDS[r.kind](r)}`);
    out.push(`${available} of ${total} nodes can take the pod${parts.length > 0 ? `: ${parts.join('; ')}` : ''}`);
  }
  for (const e of clues.exits ?? []) {
    const code = e.exitCode !== undefined ? `exit code ${e.exitCode}` : 'terminated';
    out.push(`${code}${e.reason ? ` (${e.reason})` : ''}${e.meaning ? `: ${e.meaning}` : ''}`);
  }
  for (const i of clues.images ?? []) out.push(`image ${i.image} from ${i.registry}${i.status ? `: ${i.status}` : ''}`);
  for (const w of clues.webhooks ?? [])
    out.push(`webhook ${w.webhook}${w.endpoint ? ` at ${w.endpoint}` : ''}${w.failure ? `: ${w.failure}` : ''}`);
  return out;
}
