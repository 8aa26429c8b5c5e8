#!/usr/bin/env python3
"""Merges the JSON lines of one engine's round, one process per workload (Vigil's BenchMain, PyTorch's
torch_workloads.py or ONNX Runtime's OrtBenchMain), into one JSON line: the shared fields (engine, threads,
...) of the first, every workload's median, and peak_rss_mb the largest."""
import json
import sys

merged = {}
for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    run = json.loads(line)
    for key, value in run.items():
        if key == "peak_rss_mb":
            merged[key] = max(merged.get(key, value), value)
        else:
            merged.setdefault(key, value)
if not merged:
    sys.exit("merge_runs: no results in this round (did the bench process fail? run it by hand to see)")
if "peak_rss_mb" in merged:
    merged["peak_rss_mb"] = merged.pop("peak_rss_mb")  # last, as in a single BenchMain line
print(json.dumps(merged))
