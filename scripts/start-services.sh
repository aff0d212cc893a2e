#!/usr/bin/env bash
# Starts the PostgreSQL and Redis the governance tests run against, on 127.0.0.1, and prints
# the variables that point the tests at them:
#
#   eval "$(scripts/start-services.sh)"     # then: node scripts/run-tests.mjs …
#
# Idempotent: services already answering are left alone. In a fresh Debian/Ubuntu container
# (as root, or with passwordless sudo) it installs what is missing with apt-get, creates a
# PostgreSQL cluster when there is none, the role `switchyard` (password `switchyard`) and the
# database `switchyard_test`. Progress goes to stderr; only the export lines go to stdout.
set -euo pipefail

PG_PORT="${PG_PORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
DB_URL="postgres://switchyard:switchyard@127.0.0.1:${PG_PORT}/switchyard_test"
REDIS_URL="redis://127.0.0.1:${REDIS_PORT}"

log() { echo "start-services: $*" >&2; }
die() {
  log "$*"
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"
  else sudo -n -u postgres "$@"
  fi
}

pg_major() {
  local dir
  dir="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && basename "$dir"
}

pg_up() { pg_isready -q -h 127.0.0.1 -p "$PG_PORT" >/dev/null 2>&1; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }
db_ready() { psql "$DB_URL" -qtAc 'select 1' >/dev/null 2>&1; }

wait_for() {
  local what="$1" check="$2" i
  for i in $(seq 1 60); do
    if "$check"; then return 0; fi
    sleep 0.5
  done
  die "$what did not answer within 30 s"
}

install_missing() {
  local pkgs=()
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then pkgs+=(redis-server); fi
  if [ -z "$(pg_major)" ] || ! command -v pg_isready >/dev/null 2>&1; then pkgs+=(postgresql); fi
  [ "${#pkgs[@]}" -eq 0 ] && return 0
  log "installing ${pkgs[*]}"
  # keep the packages from starting services themselves (a container has no init system):
  # this script starts them below, the way it wants them
  local policy=/usr/sbin/policy-rc.d made_policy=""
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    made_policy=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2 ||
    { [ -n "$made_policy" ] && as_root rm -f "$policy"; die "apt-get install ${pkgs[*]} failed"; }
  if [ -n "$made_policy" ]; then as_root rm -f "$policy"; fi
}

start_postgres() {
  if pg_up; then
    log "PostgreSQL already answering on 127.0.0.1:${PG_PORT}"
    return 0
  fi
  local major
  major="$(pg_major)" || true
  [ -n "$major" ] || die "no PostgreSQL server under /usr/lib/postgresql"
  if ! pg_lsclusters -h 2>/dev/null | awk -v v="$major" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
    log "creating PostgreSQL ${major} cluster main on port ${PG_PORT}"
    as_root pg_createcluster "$major" main --port "$PG_PORT" >&2
  fi
  log "starting PostgreSQL ${major}"
  as_root pg_ctlcluster "$major" main start >&2
  wait_for PostgreSQL pg_up
}

prepare_database() {
  if db_ready; then return 0; fi
  log "creating role switchyard and database switchyard_test"
  as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtA >&2 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'switchyard') THEN
    CREATE ROLE switchyard LOGIN SUPERUSER PASSWORD 'switchyard';
  ELSE
    ALTER ROLE switchyard LOGIN SUPERUSER PASSWORD 'switchyard';
  END IF;
END
$$;
SQL
  if [ -z "$(as_postgres psql -p "$PG_PORT" -qtAc "select 1 from pg_database where datname = 'switchyard_test'")" ]; then
    as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qc 'create database switchyard_test owner switchyard' >&2
  fi
  wait_for "database switchyard_test" db_ready
}

start_redis() {
  if redis_up; then
    log "Redis already answering on 127.0.0.1:${REDIS_PORT}"
    return 0
  fi
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no >&2
  wait_for Redis redis_up
}

install_missing
start_postgres
prepare_database
start_redis
echo "export TEST_DATABASE_URL=${DB_URL}"
echo "export TEST_REDIS_URL=${REDIS_URL}"
