import type { VerificationReport } from '../../checks/verify.js';
import type { ClusterEnv } from '../../config.js';
import { diagnose } from '../../diagnose/diagnose.js';
import type { Diagnosis } from '../../diagnose/types.js';
import type { Catalog } from '../../triage/catalog.js';
import { EXIT } from '../exit-codes.js';
import { type CliIo, decodeText } from '../io.js';
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
  let exitCode: number = EXIT.ok;
  for (const file of inputs) {
    let bytes: Buffer;
    try {
      bytes = file === '-' ? await io.readStdin() : await io.readFile(file);
    } catch (error) {
      io.err(`kubetriage: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      exitCode = EXIT.usage;
      continue;
    }
    const result = diagnose(decodeText(bytes), kb, { runnerUps: Math.max(0, args.top - 1) });
    const verification = await verifyMatch(result, kb, args);
    if (args.json) io.out(JSON.stringify({ file, ...toJson(result), ...(verification ? { verification } : {}) }));
    else {
      io.out(`${renderDiagnosisText(result, kb, style, inputs.length > 1 ? file : undefined)}\n`);
      if (verification) io.out(`${renderVerificationText(verification, style)}\n`);
    }
  }
  return exitCode;
}

async function verifyMatch(result: Diagnosis, kb: Catalog, args: DiagnoseArgs): Promise<VerificationReport | undefined> {
  const incident = result.verdict === 'match' ? kb.byId.get(result.matches[0]?.id ?? '') : undefined;
  if (!args.cluster || !args.clusterEnv || !incident) return undefined;
  const { cliTriage, TERMINAL } = await import('../triage-for.js');
  return orRefused(await cliTriage(kb, args.clusterEnv).verify(incident.id, args.cluster, TERMINAL));
}

function toJson(result: Diagnosis) {
  return {
    verdict: result.verdict,
    ...(result.reason ? { reason: result.reason } : {}),
    matches: result.matches.map(({ id, score, confidence, evidence, keywords, generalOf }) => ({
      id,
      score,
      confidence,
      evidence,
      keywords,
      ...(generalOf ? { generalOf } : {}),
    })),
    context: result.context,
    input: result.input,
  };
}
