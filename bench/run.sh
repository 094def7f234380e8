#!/usr/bin/env bash
# Runs the benchmarks and prints their figures (see docs/benchmarks.md).
#   bench/run.sh                 all: GateBench, RelayThroughputBench, ApiBench (10,000-row import)
#   bench/run.sh gate|relay|api  one of them
#   IMPORT_ROWS=100000 bench/run.sh api    the 100,000-row import
#   SKIP_PACKAGE=1 bench/run.sh api        reuse the jars already built
# Nothing binds a fixed port: the stack takes free ports on 127.0.0.1 and stops when the bench exits.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WHAT="${1:-all}"
IMPORT_ROWS="${IMPORT_ROWS:-10000}"
REQUESTS="${REQUESTS:-300}"
cd "$ROOT"

echo "== $(date -u +%FT%TZ)  $(nproc) cpus  load:$(uptime | sed 's/.*load average://')"
if [ -z "${SKIP_PACKAGE:-}" ]; then
  case "$WHAT" in
    api|all)
      # the four services as quarkus-run.jar (ApiBench starts them), installed so bench resolves ask-service
      ./mvnw -q -B install -DskipTests -pl advocate-service,ask-service,touchpoint-service,gateway -am ;;
    gate)
      ./mvnw -q -B install -DskipTests -pl ask-service -am ;;
  esac
  ./mvnw -q -B install -DskipTests -pl bench
fi

run() {
  echo "== $1 $2"
  (cd "$ROOT/bench" && ../mvnw -q exec:java -Dexec.mainClass="app.rapport.bench.$1" -Dexec.args="$2" \
      -Drapport.root="$ROOT")
}

case "$WHAT" in
  gate)  run GateBench "10 2000000 4096" ;;
  relay) run RelayThroughputBench "20000 2000" ;;
  api)   run ApiBench "$IMPORT_ROWS $REQUESTS" ;;
  all)
    run GateBench "10 2000000 4096"
    run RelayThroughputBench "20000 2000"
    run ApiBench "$IMPORT_ROWS $REQUESTS" ;;
  *) echo "usage: $0 [gate|relay|api|all]" >&2; exit 2 ;;
esac
