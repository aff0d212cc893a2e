#!/usr/bin/env bash
# Runs the shared side-by-side benchmark (../shared/bench: direct, nginx, Portkey) with Switchyard
# as the target, on the same fake OpenAI upstream, in one run. The harness is copied to a scratch
# folder first because it installs its peers (Portkey) next to itself.
# Usage: npm run bench -- [harness options, e.g. --duration 5 --conc 1,16]
# SWITCHYARD_BENCH_GOVERNED=1: send a virtual key of a prepaid org (credits, org and key rate
# limits, a hard daily budget, all far above reach) instead of the master key, so every request
# runs admission (reserve + settle) and metering; see bench/governed-setup.mjs.
# Each run starts from an empty data directory.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED_BENCH="${SHARED_BENCH:-$ROOT/../shared/bench}"
WORK="$ROOT/.bench-work"
mkdir -p "$WORK"
rsync -a --delete --exclude node_modules --exclude results "$SHARED_BENCH/" "$WORK/harness/" 2>/dev/null \
  || { rm -rf "$WORK/harness"; cp -r "$SHARED_BENCH" "$WORK/harness"; chmod -R u+w "$WORK/harness"; }
(cd "$ROOT" && npm run build --silent)
MASTER_KEY="sk-bench-master-key-0123456789"
DATA="$WORK/data"
rm -rf "$DATA"
KEY="$MASTER_KEY"
NAME=switchyard
if [ "${SWITCHYARD_BENCH_GOVERNED:-}" = 1 ]; then
  # create the org and key on a gateway started on the same (then empty) data directory, stop
  # it, and let the harness start the gateway on the prepared database
  SETUP_PORT="${SWITCHYARD_BENCH_SETUP_PORT:-18899}"
  env SWITCHYARD_PORT="$SETUP_PORT" SWITCHYARD_HOST=127.0.0.1 SWITCHYARD_MASTER_KEY="$MASTER_KEY" \
    SWITCHYARD_DATA_DIR="$DATA" OPENAI_API_KEY=sk-bench-upstream OPENAI_BASE_URL=http://127.0.0.1:9/v1 \
    SWITCHYARD_LOG_LEVEL=warn node "$ROOT/dist/main.js" >"$WORK/setup-gateway.log" 2>&1 &
  SETUP_PID=$!
  trap 'kill "$SETUP_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$SETUP_PORT/health" 2>/dev/null && break
    kill -0 "$SETUP_PID" 2>/dev/null || { cat "$WORK/setup-gateway.log" >&2; exit 1; }
    sleep 0.1
  done
  KEY="$(node "$ROOT/bench/governed-setup.mjs" "http://127.0.0.1:$SETUP_PORT" "$MASTER_KEY")"
  kill "$SETUP_PID"
  wait "$SETUP_PID" 2>/dev/null || true
  trap - EXIT
  NAME=switchyard-governed
fi
exec bash "$WORK/harness/run.sh" \
  --target-name "$NAME" \
  --target-cmd "env SWITCHYARD_PORT={PORT} SWITCHYARD_HOST=127.0.0.1 SWITCHYARD_MASTER_KEY=$MASTER_KEY SWITCHYARD_DATA_DIR=$DATA OPENAI_API_KEY=sk-bench-upstream OPENAI_BASE_URL={UPSTREAM_V1} node --max-semi-space-size=4 --max-old-space-size=512 $ROOT/dist/main.js" \
  --header "Authorization: Bearer $KEY" \
  --model gpt-4o-mini \
  --out "$ROOT/bench/results/$(date +%Y%m%d-%H%M%S)" \
  "$@"
