#!/usr/bin/python3
"""Reads JSON lines from bench runs (Vigil's BenchMain and torch_workloads.py, several rounds each) on stdin
and prints, per workload, the median over rounds of Vigil and of the best PyTorch thread count, and the ratio
(how many times faster Vigil is: torch_ms / vigil_ms, or vigil_gflops / torch_gflops)."""
import json
import statistics
import sys


def main():
    vigil, torch = {}, {}
    for line in sys.stdin:
        line = line.strip()
        if not line.startswith("{"):
            continue
        run = json.loads(line)
        side = torch.setdefault(run["threads"], {}) if run.get("engine", "").startswith("pytorch") else vigil
        for key, value in run.items():
            if key.endswith("_ms") or key.endswith("_gflops") or key == "peak_rss_mb":
                side.setdefault(key, []).append(value)
    print(f"{'workload':34} {'vigil':>10} {'pytorch(best)':>14} {'threads':>8} {'vigil speed-up':>15}")
    for key, values in vigil.items():
        v = statistics.median(values)
        higher_is_better = key.endswith("_gflops")
        best, best_threads = None, None
        for threads, runs in sorted(torch.items()):
            if key not in runs:
                continue
            t = statistics.median(runs[key])
            if key == "peak_rss_mb":
                better = best is None or t < best
            else:
                better = best is None or (t > best if higher_is_better else t < best)
            if better:
                best, best_threads = t, threads
        if best is None:
            print(f"{key:34} {v:10.3f} {'-':>14}")
            continue
        if key == "peak_rss_mb":
            ratio = "(memory)"
        else:
            ratio = f"{(v / best if higher_is_better else best / v):.2f}x"
        print(f"{key:34} {v:10.3f} {best:14.3f} {best_threads:>8} {ratio:>15}")


if __name__ == "__main__":
    main()
