import { watch } from 'node:fs';
import { join } from 'node:path';

/**
 * Calls onChange once a burst of edits under incidents/ has settled (editors write several
 * times per save). Returns the function that stops watching.
 */
export function watchKnowledge(dir: string, onChange: () => void, settleMs = 300): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(join(dir, 'incidents'), () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, settleMs);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
