#!/usr/bin/python3
"""Reads JSON lines from bench runs (Vigil's BenchMain, torch_workloads.py and, where it ran, ONNX Runtime's
OrtBenchMain; several rounds each) on stdin and prints, per workload, the median over rounds of Vigil and of
the best PyTorch thread count, and the ratio (how many times faster Vigil is: torch_ms / vigil_ms, or
vigil_gflops / torch_gflops). Where ONNX Runtime lines are present (keys "ort_" + Vigil's key), a second
table does the same against the best ONNX Runtime thread count."""
import json
import statistics
import sys

ORT_PREFIX = "ort_"


def best_of(engine_runs, key, higher_is_better):
    """(median, threads) of the thread count whose median is best for key, or (None, None)."""
    best, best_threads = None, None
    for threads, runs in sorted(engine_runs.items()):
        if key not in runs:
            continue
        t = statistics.median(runs[key])
        better = best is None or (t > best if higher_is_better else t < best)
        if better:
            best, best_threads = t, threads
    return best, best_threads


def table(vigil, other, other_name, keys):
    w = max(14, len(other_name) + 6)  # the PyTorch table keeps its columns
    print(f"{'workload':34} {'vigil':>10} {other_name + '(best)':>{w}} {'threads':>8} {'vigil speed-up':>15}")
    for key in keys:
        v = statistics.median(vigil[key])
        higher_is_better = key.endswith("_gflops")
        best, best_threads = best_of(other, key, higher_is_better)
        if best is None:
            print(f"{key:34} {v:10.3f} {'-':>{w}}")
            continue
        if key == "peak_rss_mb":
            ratio = "(memory)"
        else:
            ratio = f"{(v / best if higher_is_better else best / v):.2f}x"
        print(f"{key:34} {v:10.3f} {best:{w}.3f} {best_threads:>8} {ratio:>15}")


def main():
    vigil, torch, ort = {}, {}, {}
    for line in sys.stdin:
        line = line.strip()
        if not line.startswith("{"):
            continue
        run = json.loads(line)
        engine = run.get("engine", "")
        if engine.startswith("pytorch"):
            side = torch.setdefault(run["threads"], {})
        elif engine.startswith("onnxruntime"):
            side = ort.setdefault(run["threads"], {})
        else:
            side = vigil
        for key, value in run.items():
            if key.endswith("_ms") or key.endswith("_gflops") or key == "peak_rss_mb":
                if side is not vigil and key.startswith(ORT_PREFIX):
                    key = key[len(ORT_PREFIX):]
                side.setdefault(key, []).append(value)
    table(vigil, torch, "pytorch", list(vigil))
    ort_keys = [k for k in vigil if k != "peak_rss_mb" and any(k in runs for runs in ort.values())]
    if ort_keys:
        print()
        table(vigil, ort, "onnxruntime", ort_keys)


if __name__ == "__main__":
    main()
