#!/usr/bin/env bash
# Compares CSV parsers on the import's 100,000-row file (docs/benchmarks.md, "CSV parsers"). Not a test.
#   bench/csv-parsers/run.sh              # 5 rounds on a 100,000-row file
#   ROUNDS=9 ROWS=20000 bench/csv-parsers/run.sh
#   SKIP_BUILD=1 bench/csv-parsers/run.sh # reuse advocate-service's compiled classes
# Parsers: the hand-written reader the import used before FastCSV (taken from git, commit BASELINE),
# the import's CsvRecordReader (FastCSV and what it adds), plain FastCSV, Jackson's CSV module and
# Commons CSV, each reading the file through the same decoder as the import, in rotating order.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
ROWS="${ROWS:-100000}"
ROUNDS="${ROUNDS:-5}"
BASELINE="${BASELINE:-47eb61c}"
WORK="$ROOT/bench/csv-parsers/target"
mkdir -p "$WORK/src/app/rapport/advocate/mapping" "$WORK/classes"

if [ -z "${SKIP_BUILD:-}" ]; then
  # package, never install: ~/.m2 is shared
  ./mvnw -o -q -B test-compile -pl advocate-service -am
fi
./mvnw -q -B -f bench/csv-parsers/pom.xml dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="advocate-service/target/classes:advocate-service/target/test-classes:$(cat "$WORK/classpath.txt")"

git show "$BASELINE:advocate-service/src/main/java/app/rapport/advocate/mapping/CsvReader.java" \
  > "$WORK/src/app/rapport/advocate/mapping/CsvReader.java"
javac -d "$WORK/classes" -cp "$CP" "$WORK/src/app/rapport/advocate/mapping/CsvReader.java" \
  bench/csv-parsers/CsvParserBench.java

FILE="$WORK/advocates-$ROWS.csv"
[ -f "$FILE" ] || java -cp "$CP" app.rapport.advocate.tools.GenerateImportCsv "$FILE" "$ROWS"
echo "== $(date -u +%FT%TZ)  $(nproc) cpus  load before:$(uptime | sed 's/.*load average://')"
java -Xmx256m -cp "$WORK/classes:$CP" CsvParserBench "$FILE" "$ROUNDS"
echo "== load after:$(uptime | sed 's/.*load average://')"
