#!/usr/bin/env bash
# Builds the benchmarks and runs ViewUnderWriterBenchmark $RUNS times (default 3; each run a
# fresh JVM per benchmark and backend), writing bench/results-view-1.json … -N.json, then prints
# the tables of bench/VIEW_SECTION.md (medians and spread) with bench/view_ratios.py.
# Extra arguments go to JMH, e.g. `bench/run-view.sh -p backend=memory,sqlite`.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
./mvnw -q -B -DskipTests package -pl bench -am
runs="${RUNS:-3}"
rm -f bench/results-view-*.json
for n in $(seq 1 "$runs"); do
  java -jar bench/target/benchmarks.jar -f 1 -wi 3 -w 2s -i 5 -r 2s -rf json -rff "bench/results-view-$n.json" \
    "$@" 'dev.cairn.bench.view.ViewUnderWriterBenchmark' | tee "bench/results-view-$n.txt"
done
python3 bench/view_ratios.py bench/results-view-*.json
