import type { VerificationReport } from '../../checks/verify.js';
import type { ClusterEnv } from '../../config.js';
import { diagnoseStream } from '../../diagnose/diagnose.js';
import { piecesFromStream } from '../../diagnose/pieces.js';
import type { Diagnosis } from '../../diagnose/types.js';
import { KubetriageError } from '../../errors.js';
import type { Catalog } from '../../triage/catalog.js';
import type { Triage } from '../../triage/triage.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { orRefused } from '../refused.js';
import { renderDiagnosisText } from '../render/diagnosis-text.js';
import { terminalStyle } from '../render/terminal-style.js';
import { renderVerificationText } from '../render/verification-text.js';

export interface DiagnoseArgs {
  files: string[];
  json: boolean;
  top: number;
  /** verify a confident match on this cluster */
  cluster?: string | undefined;
  clusterEnv?: ClusterEnv | undefined;
}

/** One result per input; JSONL with --json. Unreadable input is reported and makes the exit code 2. */
export async function diagnoseCommand(args: DiagnoseArgs, kb: Catalog, io: CliIo): Promise<number> {
  const inputs = args.files.length > 0 ? args.files : ['-'];
  const style = terminalStyle(io.isTty);
  const verifyMatch = verifierFor(kb, args);
  let exitCode: number = EXIT.ok;
  for (const file of inputs) {
    let result: Diagnosis;
    try {
      // streamed: every line of a long log is read, in pieces, in bounded memory
      result = await diagnoseStream(piecesFromStream(io.read(file)), kb, { runnerUps: Math.max(0, args.top - 1) });
    } catch (error) {
      // an error of kubetriage's own (a damaged knowledge snapshot) is not the input's fault: say what it is
      if (error instanceof KubetriageError) io.err(`kubetriage: ${error.message}`);
      else io.err(`kubetriage: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      exitCode = EXIT.usage;
      continue;
    }
    const verification = await verifyMatch(result);
    if (args.json)
      io.out(
        JSON.stringify({ formatVersion: DIAGNOSE_FORMAT_VERSION, file, ...toJson(result, kb), ...(verification ? { verification } : {}) }),
      );
    else {
      io.out(`${renderDiagnosisText(result, kb, style, inputs.length > 1 ? file : undefined)}\n`);
      if (verification) io.out(`${renderVerificationText(verification, style)}\n`);
    }
  }
  return exitCode;
}

/** Verifies each confident match on --cluster; the kubeconfigs are read once per command, on first use. */
function verifierFor(kb: Catalog, args: DiagnoseArgs): (result: Diagnosis) => Promise<VerificationReport | undefined> {
  let triage: Triage | undefined;
  return async (result) => {
    const id = result.verdict === 'match' ? result.matches[0]?.id : undefined;
    if (!args.cluster || !args.clusterEnv || !id) return undefined;
    const { cliTriage, TERMINAL } = await import('../triage-for.js');
    triage ??= cliTriage(kb, args.clusterEnv);
    return orRefused(await triage.verify(id, args.cluster, TERMINAL));
  };
}

/**
 * The `--json` contract (README, "JSON output"): a field a consumer would notice changing or going
 * away bumps this; new fields do not.
 */
export const DIAGNOSE_FORMAT_VERSION = 1;

function toJson(result: Diagnosis, kb: Catalog) {
  return {
    verdict: result.verdict,
    ...(result.reason ? { reason: result.reason } : {}),
    matches: result.matches.map(({ id, title, score, confidence, matched, basis, evidence, keywords, generalOf }) => ({
      id,
      title,
      severity: kb.byId.get(id)?.severity,
      score,
      confidence,
      matched,
      basis,
      evidence,
      keywords,
      ...(generalOf ? { generalOf } : {}),
    })),
    context: result.context,
    input: result.input,
  };
}
