#!/usr/bin/env python3
"""Prints the view-under-writer tables of bench/VIEW_SECTION.md from JMH JSON result files of
ViewUnderWriterBenchmark (default: bench/results-view-*.json, one file per run).

Each cell is the median over the runs, with the spread (min–max) when there are several. The ratio
is taken per run (under writer ÷ idle, same run), then its median. The writer's rate is
1000 ÷ the secondary result `writerCommits` (ms of the iteration per writer commit). A benchmark
absent from a run (it failed, as every view under a writer did before views kept their revision
from the change feed) counts as "fails". The control column is the view under a writer as busy that
writes another collection of the namespace: the machine's share of the slowdown, without the
view's feed work."""
import glob
import json
import statistics
import sys

BACKENDS = ("memory", "sqlite", "postgresql", "redis")
files = sys.argv[1:] or sorted(glob.glob("bench/results-view-*.json"))
if not files:
    sys.exit("no result files: run bench/run-view.sh first, or name the JSON files")

runs = []  # per file: {(method, backend): (score ms, writer commits/s or None)}
for name in files:
    run = {}
    for r in json.load(open(name)):
        method = r["benchmark"].rsplit(".", 1)[-1]
        backend = r.get("params", {}).get("backend")
        writer = r.get("secondaryMetrics", {}).get("writerCommits")
        rate = 1000.0 / writer["score"] if writer and writer["score"] > 0 else None
        run[(method, backend)] = (r["primaryMetric"]["score"], rate)
    runs.append(run)


def values(method, backend, index=0):
    return [run[(method, backend)][index] for run in runs
            if (method, backend) in run and run[(method, backend)][index] is not None]


def ratios(top, bottom, backend):
    return [run[(top, backend)][0] / run[(bottom, backend)][0] for run in runs
            if (top, backend) in run and (bottom, backend) in run]


def cell(xs, fmt, expected=len(runs)):
    if not xs:
        return "fails" if expected else "—"
    text = fmt(statistics.median(xs))
    if len(xs) > 1:
        text += f" ({fmt(min(xs))}–{fmt(max(xs))})"
    if len(xs) < expected:
        text += f", {expected - len(xs)} of {expected} runs failed"
    return text


ms = lambda x: f"{x:,.1f}"
times = lambda x: f"{x:.2f}×"
rate = lambda x: f"{x:,.0f}"

print(f"Medians of {len(runs)} run(s) ({', '.join(files)}), spread min–max in parentheses.\n")
print("| backend | idle ms | under writer ms | ratio | writer commits/s | target ≤ 2x | writer elsewhere: ratio (control) |")
print("|---|---|---|---|---|---|---|")
for b in BACKENDS:
    if not any(k[1] == b for run in runs for k in run):
        continue
    r = ratios("cairnUnderWriter", "cairnIdle", b)
    met = "—" if not r else ("yes" if statistics.median(r) <= 2 else "no")
    if len(r) < len(runs):
        met = "no (fails)" if not r else met + f" ({len(runs) - len(r)} failed)"
    print(f"| {b} | {cell(values('cairnIdle', b), ms)} | {cell(values('cairnUnderWriter', b), ms)} | "
          f"{cell(r, times)} | {cell(values('cairnUnderWriter', b, 1), rate)} | {met} | "
          f"{cell(ratios('cairnUnderWriterElsewhere', 'cairnIdle', b), times)} |")

print("\n| backend | raw idle ms | raw under writer ms | raw ratio | writer commits/s (raw run) | Cairn idle ÷ raw idle |")
print("|---|---|---|---|---|---|")
for b in BACKENDS:
    if not any(k[1] == b for run in runs for k in run):
        continue
    print(f"| {b} | {cell(values('rawIdle', b), ms)} | {cell(values('rawUnderWriter', b), ms)} | "
          f"{cell(ratios('rawUnderWriter', 'rawIdle', b), times)} | "
          f"{cell(values('rawUnderWriter', b, 1), rate)} | {cell(ratios('cairnIdle', 'rawIdle', b), times)} |")
