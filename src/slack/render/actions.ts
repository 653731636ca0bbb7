/** Action ids shared by the renderers and the listeners that handle them. */
export const ACTION = {
  showRunbook: 'kubetriage_show_runbook',
  helpful: 'kubetriage_feedback_helpful',
  notThis: 'kubetriage_feedback_not_this',
  runChecks: 'kubetriage_run_checks',
  addTeamIncident: 'kubetriage_add_team_incident',
} as const;

/** What a button carries: the state lives in the payload, not in the process. */
export interface ButtonValue {
  incident: string;
  /** hash of the redacted paste, for feedback records */
  paste?: string;
  /** for the cluster picker: the cluster to check */
  cluster?: string;
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
    };
  } catch {
    return undefined; // not a value this app rendered: ignore the click
  }
}
