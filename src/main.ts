import { loadConfig } from './config.js';
import { runConsole } from './console/run-console.js';
import { KubetriageError } from './errors.js';
import { BUNDLED_KNOWLEDGE_DIR } from './knowledge/default-dir.js';
import { loadKnowledge } from './knowledge/load.js';
import { createLogger } from './logging/logger.js';
import { startSlack } from './slack/start.js';

/** Composition root for `npm start`: config → knowledge → the adapter the environment asks for. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const kb = await loadKnowledge(config.KUBETRIAGE_KNOWLEDGE_DIR ?? BUNDLED_KNOWLEDGE_DIR);
  if (config.mode === 'console') {
    await runConsole(kb, process.stdin, process.stdout, Boolean(process.stdin.isTTY && process.stdout.isTTY));
    return;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const slack = await startSlack(config, kb, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await slack.stop();
    logger.flush();
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof KubetriageError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`kubetriage: ${message}\n`);
  process.exitCode = 1;
});
