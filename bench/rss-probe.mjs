// Preloaded by bench/startup.bench.ts (node --import): records the process's peak resident set
// size, in KB, where KUBETRIAGE_BENCH_PROBE says. It only reads its own usage at exit.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.KUBETRIAGE_BENCH_PROBE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
