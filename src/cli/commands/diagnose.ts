import { diagnose } from '../../diagnose/diagnose.js';
import type { Diagnosis } from '../../diagnose/types.js';
import type { KnowledgeBase } from '../../knowledge/load.js';
import { type CliIo, decodeText } from '../io.js';
import { renderDiagnosisText } from '../render/diagnosis-text.js';
import { terminalStyle } from '../render/terminal-style.js';

export interface DiagnoseArgs {
  files: string[];
  json: boolean;
  top: number;
}

/** One result per input; JSONL with --json. Unreadable input is reported and makes the exit code 2. */
export async function diagnoseCommand(args: DiagnoseArgs, kb: KnowledgeBase, io: CliIo): Promise<number> {
  const inputs = args.files.length > 0 ? args.files : ['-'];
  const style = terminalStyle(io.isTty);
  let exitCode = 0;
  for (const file of inputs) {
    let bytes: Buffer;
    try {
      bytes = file === '-' ? await io.readStdin() : await io.readFile(file);
    } catch (error) {
      io.err(`kubetriage: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      exitCode = 2;
      continue;
    }
    const result = diagnose(decodeText(bytes), kb, { runnerUps: Math.max(0, args.top - 1) });
    if (args.json) io.out(JSON.stringify({ file, ...toJson(result) }));
    else io.out(`${renderDiagnosisText(result, kb, style, inputs.length > 1 ? file : undefined)}\n`);
  }
  return exitCode;
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
