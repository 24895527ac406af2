#!/usr/bin/env bash
# Builds the benchmarks and runs the JDBC ones (all, or those matching $1) against a PostgreSQL
# server they start themselves and SQLite temp files, writing bench/results-jdbc.json, then the
# paced watch-latency run on PostgreSQL (bench/results-jdbc-watch.txt).
# `bench/jdbc_ratios.py` prints the README table from the JSON.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
./mvnw -q -B -DskipTests package -pl bench -am
java -jar bench/target/benchmarks.jar -f 2 -wi 4 -w 2s -i 6 -r 2s -rf json -rff bench/results-jdbc.json \
  "${1:-dev.cairn.bench.jdbc}"
java -cp bench/target/benchmarks.jar dev.cairn.bench.jdbc.JdbcWatchLatency both 1000 20 8 \
  | tee bench/results-jdbc-watch.txt
