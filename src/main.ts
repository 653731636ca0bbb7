import { loadConfig } from './config.js';
import { runConsole } from './console/run-console.js';
import { KubetriageError } from './errors.js';
import { BUNDLED_KNOWLEDGE_DIR } from './knowledge/default-dir.js';
import { loadKnowledge } from './knowledge/load.js';

/** Composition root for `npm start`: config → knowledge → the adapter the environment asks for. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const kb = await loadKnowledge(config.KUBETRIAGE_KNOWLEDGE_DIR ?? BUNDLED_KNOWLEDGE_DIR);
  if (config.mode === 'console') {
    await runConsole(kb, process.stdin, process.stdout, Boolean(process.stdin.isTTY && process.stdout.isTTY));
    return;
  }
  throw new KubetriageError(
    'SLACK_NOT_BUILT',
    `Slack mode (${config.mode}) is not part of this build yet; unset the SLACK_* variables to use the local console.`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof KubetriageError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`kubetriage: ${message}\n`);
  process.exitCode = 1;
});
