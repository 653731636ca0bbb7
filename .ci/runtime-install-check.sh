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
# main.ts imports every adapter (Slack, clusters, console) at start; the console banner means all loaded.
out=$(printf '' | NODE_ENV=production node dist/main.js)
echo "$out" | grep -q 'known incidents loaded' || { echo "runtime stage did not start:"; echo "$out"; exit 1; }
echo 'install-cni: Unable to create token for CNI kubeconfig error=Unauthorized' | node dist/cli/bin.js diagnose --json | grep -q '"verdict":"match"'
echo "ci: runtime stage (npm ci --omit=dev) starts to ready"
