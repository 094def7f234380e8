#!/usr/bin/env bash
# Runs the benchmarks and prints their figures (see docs/benchmarks.md).
#   bench/run.sh system [option...]   the system benchmark: the same as ./rapport bench [option...]
#   bench/run.sh                      the micro benchmarks: GateBench and RelayThroughputBench, then ApiBench (10,000-row import)
#   bench/run.sh gate|relay|api       one of them
#   IMPORT_ROWS=100000 bench/run.sh api    ApiBench with the 100,000-row import
#   SKIP_PACKAGE=1 bench/run.sh ...        reuse the jars already built
# It packages what it needs (never ./mvnw install) and runs each bench with plain java on
# bench/target/lib. gate, relay and api bind no fixed port (free ports on 127.0.0.1, stopped when
# the bench exits); system is ./rapport bench (a fresh stack of its own on the usual ports).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WHAT="${1:-all}"
IMPORT_ROWS="${IMPORT_ROWS:-10000}"
REQUESTS="${REQUESTS:-300}"
cd "$ROOT"

if [[ "$WHAT" == system ]]; then
  shift
  exec "$ROOT/rapport" bench "$@"
fi

echo "== $(date -u +%FT%TZ)  $(nproc) cpus  load:$(uptime | sed 's/.*load average://')"
if [ -z "${SKIP_PACKAGE:-}" ]; then
  case "$WHAT" in
    api|all) ./mvnw -q -B package -DskipTests -pl advocate-service,ask-service,touchpoint-service,gateway,bench -am ;;
    *)       ./mvnw -q -B package -DskipTests -pl bench -am ;;
  esac
fi
JAR="$(ls "$ROOT"/bench/target/bench-*.jar | grep -v -- '-sources\|-tests' | head -n 1)"

run() {
  echo "== $1 $2"
  # shellcheck disable=SC2086
  java -cp "$JAR:$ROOT/bench/target/lib/*" -Drapport.root="$ROOT" "app.rapport.bench.$1" $2
}

case "$WHAT" in
  gate)  run GateBench "10 2000000 4096" ;;
  relay) run RelayThroughputBench "20000 2000" ;;
  api)   run ApiBench "$IMPORT_ROWS $REQUESTS" ;;
  all)
    run GateBench "10 2000000 4096"
    run RelayThroughputBench "20000 2000"
    run ApiBench "$IMPORT_ROWS $REQUESTS" ;;
  *) echo "usage: $0 [system [option...]|gate|relay|api|all]" >&2; exit 2 ;;
esac
