#!/usr/bin/env bash
# Runs the shared side-by-side benchmark (../shared/bench: direct, nginx, Portkey) with Switchyard
# as the target, on the same fake OpenAI upstream, in one run. The harness is copied to a scratch
# folder first because it installs its peers (Portkey) next to itself.
# Usage: npm run bench -- [harness options, e.g. --duration 5 --conc 1,16]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED_BENCH="${SHARED_BENCH:-$ROOT/../shared/bench}"
WORK="$ROOT/.bench-work"
mkdir -p "$WORK"
rsync -a --delete --exclude node_modules --exclude results "$SHARED_BENCH/" "$WORK/harness/" 2>/dev/null \
  || { rm -rf "$WORK/harness"; cp -r "$SHARED_BENCH" "$WORK/harness"; chmod -R u+w "$WORK/harness"; }
(cd "$ROOT" && npm run build --silent)
KEY="sk-bench-master-key-0123456789"
exec bash "$WORK/harness/run.sh" \
  --target-name switchyard \
  --target-cmd "env SWITCHYARD_PORT={PORT} SWITCHYARD_HOST=127.0.0.1 SWITCHYARD_MASTER_KEY=$KEY SWITCHYARD_DATA_DIR=$WORK/data OPENAI_API_KEY=sk-bench-upstream OPENAI_BASE_URL={UPSTREAM_V1} node --max-semi-space-size=4 --max-old-space-size=512 $ROOT/dist/main.js" \
  --header "Authorization: Bearer $KEY" \
  --model gpt-4o-mini \
  --out "$ROOT/bench/results/$(date +%Y%m%d-%H%M%S)" \
  "$@"
