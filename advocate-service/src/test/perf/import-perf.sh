#!/usr/bin/env bash
# Measures a CSV import of ROWS rows (default 100,000) against the packaged advocate-service, run in
# its own JVM with a capped heap (XMX, default 256m) next to the harness's real Kafka broker and
# Mongo wire server (another JVM). Prints the wall time from POST to DONE, the rows per second and
# the peak heap the service used (sampled with jstat every 0.5 s). Not part of the test suite.
#
#   advocate-service/src/test/perf/import-perf.sh            # from the repository root
#   ROWS=20000 XMX=128m advocate-service/src/test/perf/import-perf.sh
#   REIMPORT=1 ...      # then import the same file again (every row unchanged)
#   MONGO_OPLOG=1 ...   # Mongo wire server with its oplog (change streams on; see PerfInfrastructure)
set -euo pipefail
ROWS=${ROWS:-100000}
XMX=${XMX:-256m}
PORT=${PORT:-18081}
ROOT="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$ROOT"
WORK="$ROOT/advocate-service/target/perf"
rm -rf "$WORK" && mkdir -p "$WORK"

echo "== building (package, never install: ~/.m2 is shared)"
./mvnw -o -q -B package -pl advocate-service -am -DskipTests
# the reactor (-am) resolves the project's own modules from this worktree; the last module written is
# advocate-service, whose classpath is the one used
./mvnw -o -q -B -pl advocate-service -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath.txt"
CP="advocate-service/target/test-classes:advocate-service/target/classes:$(cat "$WORK/classpath.txt")"

echo "== generating $ROWS rows"
java -cp "$CP" app.rapport.advocate.tools.GenerateImportCsv "$WORK/advocates.csv" "$ROWS"

PIDS=()
# stop the service before the infrastructure it depends on
cleanup() {
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[i]}" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "${PIDS[i]}" 2>/dev/null || break; sleep 1; done
  done
}
trap cleanup EXIT

echo "== starting Kafka and Mongo (own JVM)"
java -Xmx3g -cp "$CP" app.rapport.advocate.tools.PerfInfrastructure "$WORK" ${MONGO_OPLOG:+--oplog} > "$WORK/infra.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do [ -f "$WORK/infra.env" ] && break; sleep 1; done
set -a; . "$WORK/infra.env"; set +a

echo "== starting advocate-service with -Xmx$XMX"
RAPPORT_JWT_PUBLIC_KEY="file:$WORK/public.pem" java -Xmx"$XMX" -Dquarkus.http.port="$PORT" \
  -Dquarkus.log.console.json.enabled=false -Dquarkus.mongodb.database=perf-advocates \
  -jar advocate-service/target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
SVC=$!
PIDS+=($SVC)
for _ in $(seq 1 120); do curl -fs "http://localhost:$PORT/q/health/ready" > /dev/null && break; sleep 1; done

TOKEN=$(cat "$WORK/token.txt")
heap_kb() { jstat -gc "$SVC" | awk 'NR==2 { printf "%d", $3 + $4 + $6 + $8 }'; }

# one import of the file: POST, poll until it is no longer RUNNING, sampling the heap
import_once() {
  local label=$1 start accepted end id job
  PEAK=$(heap_kb)
  echo "== $label (heap before: $((PEAK / 1024)) MiB)"
  start=$(date +%s.%N)
  id=$(curl -fs -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" \
    --data-binary @"$WORK/advocates.csv" "http://localhost:$PORT/api/advocates/imports" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  accepted=$(date +%s.%N)
  while true; do
    H=$(heap_kb); [ "$H" -gt "$PEAK" ] && PEAK=$H
    job=$(curl -fs -H "Authorization: Bearer $TOKEN" "http://localhost:$PORT/api/advocates/imports/$id")
    echo "$job" | grep -q '"status":"RUNNING"' || break
    sleep 0.5
  done
  end=$(date +%s.%N)
  echo "$job" | sed -E 's/"rejected":\[[^]]*\]/"rejected":[...]/'
  awk -v s="$start" -v a="$accepted" -v e="$end" -v r="$ROWS" 'BEGIN {
    printf "upload+spool (202 answered): %.1f s\nPOST to DONE: %.1f s (%.0f rows/s)\n", a - s, e - s, r / (e - s) }'
  echo "peak heap used by advocate-service (jstat, sampled every 0.5 s): $((PEAK / 1024)) MiB of -Xmx$XMX"
}

echo "CSV: $ROWS rows, $(stat -c %s "$WORK/advocates.csv") bytes"
import_once "importing"
[ -n "${REIMPORT:-}" ] && import_once "re-importing the same file"
echo "full GCs of the service: $(jstat -gc "$SVC" | awk 'NR==2 { print $15 }')"
