import type { SignatureStrength } from '../knowledge/schema.js';
import type { Clues } from './clues.js';
import type { Confidence } from './score.js';

export interface EvidenceLine {
  /** 1-based line number in the paste */
  line: number;
  /** the line, redacted and cleaned, cut to a readable length */
  text: string;
  signature: string;
  strength: SignatureStrength;
}

export interface IncidentMatch {
  id: string;
  title: string;
  score: number;
  confidence: Confidence;
  /** a match in its own right: the best candidate, or an independent second problem in the paste */
  matched: boolean;
  /** signature: found by the knowledge base's signatures; lexical: only its words are close to the error lines */
  basis: 'signature' | 'lexical';
  evidence: EvidenceLine[];
  keywords: string[];
  /** set when a more specific incident explains the same symptom */
  generalOf?: string;
}

export interface PasteContext {
  versions: string[];
  components: string[];
  nodes: string[];
  paths: string[];
  /** structured details of the error message: scheduling reasons, exit codes, image pulls, webhooks */
  clues: Clues;
}

export type NoMatchReason = 'empty' | 'binary' | 'no-signature' | 'weak-evidence';

export interface Diagnosis {
  verdict: 'match' | 'no-match';
  /** why there is no match, in a sentence a user understands */
  reason?: { code: NoMatchReason; message: string };
  /** the matches first (matched: true, best first), then up to three runner-ups */
  matches: IncidentMatch[];
  context: PasteContext;
  input: {
    chars: number;
    lines: number;
    /** true when a budget stopped the reading early (see skipped) */
    truncated: boolean;
    /** what was not read, and why */
    skipped?: { fromLine: number; reason: string };
    redactions: number;
    /** sha256 of the redacted, normalised paste: the same error pasted twice has the same one */
    fingerprint: string;
    /** the first evidence line, or the first line, redacted and cut: safe to store */
    sample: string;
  };
}
