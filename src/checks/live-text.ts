import { z } from 'zod';
import type { RecognisedLine } from './check.js';

/** Said when a live check runs outside a verification (no knowledge base bound to it). */
export const NEEDS_KNOWLEDGE = "this check matches live text against the incident's signatures and runs only inside a verification";

/** The recognised lines, kept to the signatures a check names (all when it names none). */
export function signaturesOnly(lines: RecognisedLine[], only: readonly string[] | undefined): RecognisedLine[] {
  return only ? lines.filter((l) => only.includes(l.signature)) : lines;
}

/** The `signatures` parameter of the live checks: ids of the entry's own signatures (lint checks they exist). */
export const signatureIds = z
  .array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be the id of one of the entry's signatures"))
  .min(1)
  .optional()
  .describe("only these of the entry's signatures count as evidence; default: the entry is recognised by any of its own");
