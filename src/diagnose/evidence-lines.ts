import type { EvidenceLine } from './types.js';

export interface GroupedEvidence {
  line: number;
  text: string;
  /** "signature (strength)" for every signature that matched this line, strongest first */
  signatures: string[];
}

/** One entry per matched line, so a line that several signatures matched is shown once. */
export function groupEvidenceByLine(evidence: EvidenceLine[]): GroupedEvidence[] {
  const byLine = new Map<number, GroupedEvidence>();
  for (const e of evidence) {
    const group = byLine.get(e.line) ?? { line: e.line, text: e.text, signatures: [] };
    group.signatures.push(`${e.signature} (${e.strength})`);
    byLine.set(e.line, group);
  }
  return [...byLine.values()];
}
