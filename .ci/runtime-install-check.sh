#!/usr/bin/env bash
# The Dockerfile's runtime stage without Docker: production dependencies only, the compiled
# output and knowledge/, then start the app to its ready point. A runtime import of a dev
# dependency fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp package.json package-lock.json .npmrc "$stage"/
(cd "$stage" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
cp -r dist knowledge "$stage"/
cd "$stage"
# main.ts starts the console here; the console banner means knowledge and the snapshot loaded.
out=$(printf '' | NODE_ENV=production node dist/main.js)
echo "$out" | grep -q 'known incidents loaded' || { echo "runtime stage did not start:"; echo "$out"; exit 1; }
# Adapters load lazily (client-node, ioredis, pino-pretty only when configured), so start-up alone no
# longer proves every runtime import resolves: import every compiled module but the two entry points,
# and require the packages only loaded on demand (createRequire, or import() of a package).
NODE_ENV=production node --input-type=module -e "
  import { readdirSync } from 'node:fs';
  import { createRequire } from 'node:module';
  const skip = new Set(['main.js', 'cli/bin.js']);
  for (const f of readdirSync('dist', { recursive: true }).filter((f) => f.endsWith('.js') && !skip.has(f)).sort()) await import('./dist/' + f);
  const require = createRequire(process.cwd() + '/dist/');
  for (const name of ['pino-pretty', 'fuse.js', 'redos-detector', 'ioredis']) require(name);
" || { echo "runtime stage: a compiled module needs a package that npm ci --omit=dev did not install"; exit 1; }
echo 'install-cni: Unable to create token for CNI kubeconfig error=Unauthorized' | node dist/cli/bin.js diagnose --json | grep -q '"verdict":"match"'
# The build's ReDoS verdicts cover the bundled knowledge: kb lint with an empty cache analyses
# nothing, so it writes no verdict to the cache (a cold analysis would take ~10 s here).
lint_cache=$(mktemp -d)
KUBETRIAGE_CACHE_DIR="$lint_cache" node dist/cli/bin.js kb lint >/dev/null
if [ -e "$lint_cache/redos-verdicts.json" ]; then
  echo "runtime stage: kb lint analysed patterns the build's dist/redos-verdicts.json should have covered"; exit 1
fi
rm -rf "$lint_cache"
echo "ci: runtime stage (npm ci --omit=dev) starts to ready"
