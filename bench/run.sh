#!/usr/bin/env bash
# Builds the benchmarks and runs them (all, or those matching $1), writing results to bench/results.json.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
./mvnw -q -B -DskipTests package -pl bench -am
java -jar bench/target/benchmarks.jar -f 1 -wi 2 -w 1s -i 3 -r 1s -rf json -rff bench/results.json "${1:-.*}"
