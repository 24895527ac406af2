#!/usr/bin/env python3
"""Prints the JDBC table of bench/README.md from a JMH JSON result file (bench/results-jdbc.json).

A Cairn row that is missing (the JDBC backend not yet on the class path) prints as "—"."""
import json
import sys

rows = {}
for r in json.load(open(sys.argv[1] if len(sys.argv) > 1 else "bench/results-jdbc.json")):
    cls, method = r["benchmark"].rsplit(".", 2)[-2:]
    rows[(cls, method, r.get("params", {}).get("database"))] = r["primaryMetric"]


def fmt(m):
    return f"{m['score']:,.0f} ± {m['scoreError']:,.0f} {m['scoreUnit']}" if m else "—"


def line(what, cls, database, target):
    cairn, raw = rows.get((cls, "cairn", database)), rows.get((cls, "raw", database))
    ratio = cairn["score"] / raw["score"] if cairn and raw else None
    met = "—" if ratio is None else ("yes" if ratio >= target else "no")
    print(f"| {what} ({database}) | {fmt(cairn)} | {cls}.raw: {fmt(raw)} | "
          f"{'—' if ratio is None else f'**{ratio:.2f}×**'} | ≥ {target}× | {met} |")


print("| operation | Cairn | raw JDBC, same run | ratio | target | met |")
print("|---|---|---|---|---|---|")
for db in ("postgresql", "sqlite"):
    line("point read", "JdbcPointReadBenchmark", db, 0.7)
for db in ("postgresql", "sqlite"):
    line("single-record read-modify-write transaction", "JdbcUpdateBenchmark", db, 0.5)
