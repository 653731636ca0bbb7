import type { Confidence } from '../diagnose/score.js';
import type { Incident } from '../knowledge/schema.js';

/** The JSON contract of `kubetriage scan --json`; bump on any change a consumer would notice. */
export const SCAN_FORMAT_VERSION = 1;

/** Where a finding's text came from. */
export type ScanSource = 'logs' | 'events' | 'nodes';

export interface ScanEvidence {
  source: ScanSource;
  /** the pod and container, the event's object, or the node */
  object: string;
  /** the record that matched, redacted */
  text: string;
  signature: string;
  /** when it was printed or last seen (RFC 3339), when known */
  at?: string;
}

export interface ScanFinding {
  incident: string;
  title: string;
  severity: Incident['severity'];
  confidence: Confidence;
  scope: {
    /** one line for a person: how many objects, where, since when */
    summary: string;
    sources: ScanSource[];
    objects: string[];
    namespaces: string[];
    nodes: string[];
    /** log records plus event counts plus node conditions */
    occurrences: number;
    firstSeen?: string;
    lastSeen?: string;
  };
  /** at most five, from different objects first */
  evidence: ScanEvidence[];
  /** generic incidents seen too that this one explains (their objects are in this scope) */
  explains?: string[];
}

export interface ScanReport {
  formatVersion: typeof SCAN_FORMAT_VERSION;
  cluster: string;
  startedAt: string;
  durationMs: number;
  /** what was read */
  read: {
    nodes: number;
    events: number;
    /** which event API answered */
    eventsApi?: string;
    namespaces: string[];
    pods: number;
    logs: number;
    logBytes: number;
  };
  /** what could not be read, and why: a partial scan says so */
  unread: Array<{ what: string; reason: string }>;
  /** the incidents present now, the most severe and widest first */
  findings: ScanFinding[];
  /** false when the nodes or the events could not be read: "nothing found" then means "could not see" */
  complete: boolean;
}

export interface ScanProgress {
  phase: 'nodes' | 'events' | 'logs' | 'matching';
  done: number;
  total: number;
}
