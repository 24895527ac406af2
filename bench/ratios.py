#!/usr/bin/env python3
"""Prints the markdown table of bench/README.md from a JMH JSON result file (bench/results.json)."""
import json
import sys

rows = {r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]: r
        for r in json.load(open(sys.argv[1] if len(sys.argv) > 1 else "bench/results.json"))}


def score(name):
    r = rows[name]["primaryMetric"]
    return r["score"], r["scoreError"], r["scoreUnit"]


def line(what, cairn, raw, target, higher_is_better=True, label_raw=None):
    c, ce, unit = score(cairn)
    r, re_, _ = score(raw)
    ratio = c / r if higher_is_better else r / c
    met = "yes" if ratio >= target else "no"
    print(f"| {what} | {c:,.0f} ± {ce:,.0f} {unit} | {label_raw or raw}: {r:,.0f} ± {re_:,.0f} | "
          f"**{ratio:.3f}×** | ≥ {target}× | {met} |")


print("| operation | Cairn | raw, same run | ratio | target | met |")
print("|---|---|---|---|---|---|")
line("point read (view + get + decode)", "PointReadBenchmark.cairn", "PointReadBenchmark.rawConcurrentHashMap", 0.1)
line("point read, vs read-locked HashMap", "PointReadBenchmark.cairn", "PointReadBenchmark.rawLockedHashMap", 0.1)
line("single-record read-modify-write transaction", "UpdateBenchmark.cairn", "UpdateBenchmark.rawLockedHashMap", 0.05)
line("single-record update, vs ConcurrentHashMap.compute", "UpdateBenchmark.cairn",
     "UpdateBenchmark.rawConcurrentHashMap", 0.05)
line("index lookup (100 records of one node)", "IndexLookupBenchmark.cairn", "IndexLookupBenchmark.raw", 0.1)
c8, _, _ = score("MixedBenchmark.cairn8Threads")
c1, _, _ = score("MixedBenchmark.cairn1Thread")
r8, _, _ = score("MixedBenchmark.raw8Threads")
r1, _, _ = score("MixedBenchmark.raw1Thread")
print(f"| 90/10 read/update mix, 8 threads ÷ 1 thread | {c8:,.0f} ÷ {c1:,.0f} ops/s | "
      f"raw CHM: {r8:,.0f} ÷ {r1:,.0f} = {r8 / r1:.2f}× | **{c8 / c1:.2f}×** | ≥ 1.3× | "
      f"{'yes' if c8 / c1 >= 1.3 else 'no'} |")
w = rows["WatchLatencyBenchmark.cairn"]["primaryMetric"]
q = rows["WatchLatencyBenchmark.rawQueueHandOff"]["primaryMetric"]
p = lambda m, k: m["scorePercentiles"][k]
print(f"| watch delivery, commit → event (p50 / p99) | {p(w, '50.0'):.1f} / {p(w, '99.0'):.1f} µs "
      f"(includes the commit) | queue hand-off: {p(q, '50.0'):.1f} / {p(q, '99.0'):.1f} µs | "
      f"**{p(q, '50.0') / p(w, '50.0'):.2f}×** (p50) | — | — |")
