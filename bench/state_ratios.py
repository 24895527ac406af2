#!/usr/bin/env python3
"""Prints the state-document and export rows of bench/README.md from JMH JSON result files.

Usage: bench/state_ratios.py bench/results-documents.json bench/results-export.json
"""
import json
import sys

rows = {}
for path in sys.argv[1:] or ["bench/results-documents.json", "bench/results-export.json"]:
    for r in json.load(open(path)):
        rows[r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]] = r["primaryMetric"]


def line(what, cairn, raw, target, higher_is_better=True):
    c, r = rows[cairn], rows[raw]
    ratio = c["score"] / r["score"] if higher_is_better else r["score"] / c["score"]
    print(f"| {what} | {c['score']:,.1f} ± {c['scoreError']:,.1f} {c['scoreUnit']} | {raw}: "
          f"{r['score']:,.1f} ± {r['scoreError']:,.1f} | **{ratio:.2f}×** | ≥ {target}× | "
          f"{'yes' if ratio >= target else 'no'} |")


print("| operation | Cairn | raw, same run | ratio (throughput) | target | met |")
print("|---|---|---|---|---|---|")
line("20 MiB document run, vs the same bytes written copy-on-write", "DocumentRunBenchmark.cairn",
     "DocumentRunBenchmark.rawCopyOnWrite", 0.5)
line("20 MiB document run, vs chunks changed in place", "DocumentRunBenchmark.cairn", "DocumentRunBenchmark.raw", 0.5)
line("export of 100k records, vs an SPI scan writing ids and values", "ExportBenchmark.cairnExport",
     "ExportBenchmark.rawScan", 0.5, higher_is_better=False)
line("export of 100k records, vs paging through views", "ExportBenchmark.cairnExport",
     "ExportBenchmark.rawPaging", 0.5, higher_is_better=False)
