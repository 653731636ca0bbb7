import type { KnowledgeProblem } from '../errors.js';
import type { LoadedFile } from './load.js';
import type { FixStep, Incident } from './schema.js';

/**
 * Runbook safety lint: the fix steps are run by someone at 3 a.m., so a command that can take a
 * cluster down or destroy state must say so in front of the step (the renderers show the markers),
 * irreversible steps need a backup before them, and the cluster evidence never touches Secrets.
 *
 * What is scanned: the whole `command`, and only the `inline code` spans of the step text. Prose
 * may name a dangerous command to warn about it ("kubeadm reset does not remove /etc/cni/net.d")
 * without being flagged; a command the reader is told to run belongs in `command` or in backticks.
 */

type Marker = 'disruptive' | 'irreversible';

interface DangerRule {
  id: string;
  /** Every pattern must match the same line of the scanned text. */
  patterns: RegExp[];
  needs: Marker[];
  why: string;
}

const MAIN_CONFIGS = String.raw`(?:/etc/containerd/config\.toml|/etc/crio/crio\.conf|/var/lib/kubelet/config\.yaml)(?![\w.-])`;
const DANGER_RULES: DangerRule[] = [
  {
    id: 'etcd-compact',
    patterns: [/\betcdctl\b.*\scompact\b/],
    needs: ['irreversible'],
    why: 'etcd compaction discards every older revision',
  },
  {
    id: 'etcd-defrag',
    patterns: [/\b(?:etcdctl\b.*\sdefrag|etcd-defrag)\b/],
    needs: ['disruptive'],
    why: 'a defragmenting member blocks reads and writes (and its apiserver on kubeadm)',
  },
  {
    id: 'kubeadm-reset',
    patterns: [/\bkubeadm\s+reset\b/],
    needs: ['disruptive', 'irreversible'],
    why: 'kubeadm reset removes the node from the cluster and deletes its state',
  },
  {
    id: 'rm-cluster-state',
    patterns: [/\brm\s+(?:-\w+\s+)*-\w*[rR]\w*\s[^;&|]*\/(?:etc\/kubernetes|var\/lib\/(?:etcd|kubelet))(?=[/\s*'"]|$)/],
    needs: ['irreversible'],
    why: 'recursive deletes under /etc/kubernetes, /var/lib/etcd or /var/lib/kubelet destroy certificates, keys or data',
  },
  {
    id: 'delete-namespace',
    patterns: [/\bkubectl\b.*\bdelete\s+(?:-\S+\s+)*(?:ns|namespaces?)\b/],
    needs: ['irreversible'],
    why: 'deleting a namespace deletes every object in it',
  },
  {
    id: 'force-delete',
    patterns: [/--force\b/, /--grace-period[=\s]+0\b/],
    needs: ['disruptive'],
    why: 'a forced delete skips graceful shutdown and can leave the container running on the node',
  },
  {
    id: 'finalizer-patch',
    patterns: [/\bpatch\b.*\bfinalizers\b/],
    needs: ['irreversible'],
    why: 'removing finalizers skips the cleanup they guard, for good',
  },
  {
    id: 'node-agent-restart',
    patterns: [
      /\b(?:systemctl\s+(?:-\S+\s+)*(?:restart|stop|try-restart|kill|disable\s+--now)\b[^;&|]*\b(?:kubelet|containerd|docker|crio)|service\s+(?:kubelet|containerd|docker|crio)\s+(?:restart|stop))\b/,
    ],
    needs: ['disruptive'],
    why: 'restarting or stopping the kubelet or the runtime interrupts the node',
  },
  {
    // Not in the list, but the review's rule: every restart of a node agent is disruptive.
    id: 'daemonset-restart',
    patterns: [/\brollout\s+restart\s+(?:-\S+\s+)*(?:ds|daemonsets?)\b/],
    needs: ['disruptive'],
    why: 'restarting a DaemonSet restarts its agent on every node, and each node loses it while its pod restarts',
  },
  {
    id: 'ca-rotation',
    patterns: [
      /\b(?:kubeadm\s+(?:alpha\s+)?certs?\s+renew|rotate-ca|ocp-certificates\s+regenerate|(?:set-cluster|sed\s+-i|yq\s+(?:e\s+|eval\s+)?-i)\b.*certificate-authority)\b/,
    ],
    needs: ['disruptive'],
    why: 'changing certificates or CAs cuts off every client that does not trust the new ones yet',
  },
  {
    id: 'config-overwrite',
    patterns: [
      new RegExp(
        String.raw`\bconfig\s+default\b.*(?:>|\btee\b)|(?:^|[^>&\d])>\s*${MAIN_CONFIGS}|\btee\s+(?!-a\b|--append\b)(?:-\S+\s+)*${MAIN_CONFIGS}`,
      ),
    ],
    needs: ['irreversible'],
    why: 'overwriting a runtime or kubelet config with defaults drops mirrors, runtimes and settings',
  },
];

const SECRET_READ = /\b(?:(?:get|describe)\s+(?:-\S+\s+)*secrets?\b|oc\s+extract\s+secrets?\/)/;

/** Text that is run: the command, and inline code in the step text. */
function scannedLines(step: FixStep): string[] {
  const spans = [...step.step.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
  return [...(step.command ?? '').split('\n'), ...spans];
}

function hasMarker(step: FixStep, marker: Marker): boolean {
  return marker === 'disruptive' ? Boolean(step.disruptive) : Boolean(step.irreversible);
}

function stepProblems(
  incident: Incident,
  list: 'immediate' | 'lasting' | number,
  push: (field: string, rule: string, message: string) => void,
): void {
  // a number is an upgrade phase: its steps follow the same rules as the fix's
  const steps = typeof list === 'number' ? (incident.upgradeRisk?.phases[list]?.steps ?? []) : incident.fix[list];
  const at = typeof list === 'number' ? `upgradeRisk.phases[${list}].steps` : `fix.${list}`;
  steps.forEach((step, i) => {
    const field = `${at}[${i}]`;
    const lines = scannedLines(step);
    for (const rule of DANGER_RULES) {
      if (!lines.some((line) => rule.patterns.every((p) => p.test(line)))) continue;
      for (const marker of rule.needs) {
        if (!hasMarker(step, marker)) push(field, rule.id, `step ${i + 1} must be marked \`${marker}\` (say what): ${rule.why}`);
      }
    }
    if (lines.some((line) => SECRET_READ.test(line)) && !step.readsSecret) {
      push(field, 'reads-secret', `step ${i + 1} reads a Secret: mark it \`readsSecret\` with the secret material it shows`);
    }
    if (step.irreversible) {
      const earlier = [...steps.slice(0, i), ...(list === 'lasting' ? incident.fix.immediate : [])];
      if (!earlier.some((s) => s.backup === true)) {
        push(field, 'backup-first', `step ${i + 1} is irreversible: a \`backup: true\` step must come before it`);
      }
    }
  });
}

// The bot never reads Secrets, not even their names. In prose a Secret is the capitalised kind or a
// Secret type; as a resource or path it is "secrets". A ServiceAccount's own `.secrets` field is not
// a Secret read, so lowercase words in a field name are left alone.
const SECRET_TEXT =
  /\bSecrets?\b|kubernetes\.io\/(?:service-account-token|tls|dockerconfigjson|basic-auth|ssh-auth)\b|\bhelm\.sh\/release\.v1\b/;
const SECRET_RESOURCE = /^secrets?(?:\.|$)|\/secrets?(?:\/|$)/i;

/** Check params are free-form: any key or string value that is a Secret resource, path or kind. */
function paramsNameSecret(value: unknown): boolean {
  if (typeof value === 'string') return SECRET_TEXT.test(value) || SECRET_RESOURCE.test(value);
  if (Array.isArray(value)) return value.some(paramsNameSecret);
  if (value && typeof value === 'object') return Object.entries(value).some(([key, v]) => SECRET_RESOURCE.test(key) || paramsNameSecret(v));
  return false;
}

function evidenceProblems(incident: Incident, push: (field: string, rule: string, message: string) => void): void {
  const message =
    'names a Secret: kubetriage never reads Secrets, not even their names; read a non-Secret object (a caBundle, a ServiceAccount annotation) or explain in evidenceNote';
  incident.evidence.forEach((item, i) => {
    const { description, resource, name, nonResourcePath, field, confirmsWhen, refutesWhen, labelSelector } = item;
    const texts = [description, name, field, confirmsWhen, refutesWhen, labelSelector, resource, nonResourcePath];
    const named =
      texts.some((t) => t !== undefined && SECRET_TEXT.test(t)) ||
      [resource, nonResourcePath].some((r) => r !== undefined && SECRET_RESOURCE.test(r));
    if (named) push(`evidence[${i}]`, 'no-secret-evidence', message);
  });
  for (const [list, checks] of [
    ['verification.checks', incident.verification?.checks ?? []],
    ['upgradeRisk.checks', incident.upgradeRisk?.checks ?? []],
  ] as const) {
    checks.forEach((check, i) => {
      if (paramsNameSecret(check.params)) push(`${list}[${i}].params`, 'no-secret-evidence', message);
    });
  }
}

export function lintRunbooks(files: LoadedFile[]): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  for (const { file, incident } of files) {
    const push = (field: string, rule: string, message: string) =>
      problems.push({ file, field, message: `${incident.id}: [${rule}] ${message}` });
    stepProblems(incident, 'immediate', push);
    stepProblems(incident, 'lasting', push);
    for (let phase = 0; phase < (incident.upgradeRisk?.phases.length ?? 0); phase++) stepProblems(incident, phase, push);
    evidenceProblems(incident, push);
  }
  return problems;
}
