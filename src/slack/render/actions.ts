import { createHash } from 'node:crypto';
/** Action ids shared by the renderers and the listeners that handle them. */
export const ACTION = {
  showRunbook: 'kubetriage_show_runbook',
  helpful: 'kubetriage_feedback_helpful',
  notThis: 'kubetriage_feedback_not_this',
  runChecks: 'kubetriage_run_checks',
  /** the button beside a picker with a cluster preselected (action ids are unique within a block) */
  runChecksNow: 'kubetriage_run_checks_now',
  addTeamIncident: 'kubetriage_add_team_incident',
  correction: 'kubetriage_correction',
  describe: 'kubetriage_describe',
} as const;

/** What a button carries: the state lives in the payload, not in the process. */
export interface ButtonValue {
  incident: string;
  /** hash of the redacted paste, for feedback records */
  paste?: string;
  /** a scan finding's button: the cluster to check */
  cluster?: string;
  /**
   * the cluster picker: a short key of the cluster's name (clusterKey), because Slack refuses an
   * option value over 150 characters and GKE context names alone reach 100; the click resolves
   * it among the clusters the channel may check
   */
  clusterKey?: string;
  /** "Not this" → what it was: the incident picked, or "new" */
  correction?: string;
}

/** Ten hex digits of the name's SHA-256: short, stable across restarts and replicas, and unique among a channel's clusters in practice. */
export function clusterKey(cluster: string): string {
  return createHash('sha256').update(cluster).digest('hex').slice(0, 10);
}

export function encodeValue(value: ButtonValue): string {
  return JSON.stringify(value);
}

export function decodeValue(raw: string | undefined): ButtonValue | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<ButtonValue>;
    if (typeof parsed.incident !== 'string') return undefined;
    return {
      incident: parsed.incident,
      ...(parsed.paste ? { paste: parsed.paste } : {}),
      ...(parsed.cluster ? { cluster: parsed.cluster } : {}),
      ...(typeof parsed.clusterKey === 'string' ? { clusterKey: parsed.clusterKey } : {}),
      ...(typeof parsed.correction === 'string' ? { correction: parsed.correction } : {}),
    };
  } catch {
    return undefined; // not a value this app rendered: ignore the click
  }
}
