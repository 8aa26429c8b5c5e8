#!/usr/bin/python3
"""Independent reference for vigil's ISO/IEC 30107-3 metrics (issue 7), by brute force over thresholds.

Definitions (a higher score means more live; accepted as live when score >= t):
  APCER_type(t) = share of that type's attacks with score >= t; APCER(t) = max over types with samples
  BPCER(t) = share of live samples with score < t; ACER = (APCER + BPCER) / 2
  candidate thresholds T = every distinct score, and +infinity
  bpcer_at_apcer[x] = min BPCER(t) over t in T with APCER(t) <= x
  EER: t in T minimising |pooled APCER(t) - BPCER(t)| (lowest t on ties); EER = mean of the two there
  AUC = P(live > attack) + 0.5 P(live == attack) over all pairs (Mann-Whitney)
  HTER: the dev set's EER threshold applied to the test set: (pooled APCER + BPCER) / 2
A rate with a zero denominator is NaN (null in JSON), and so is anything computed from it.

Usage:
  reference_metrics.py metrics FILE [--threshold T]   print the metrics of one score file as JSON
  reference_metrics.py hter DEV TEST                    print {"threshold","apcer","bpcer","hter"}
  reference_metrics.py generate DIR                     write the test fixtures and expected JSON to DIR
"""
import json
import math
import sys

import numpy as np

NAN = float("nan")
UNSPECIFIED = "unspecified"


def read_scores(path):
    """Returns (scores float64 array, live bool array, types list of str)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert lines and lines[0].strip() == "score,label,attack_type", path
    scores, live, types = [], [], []
    for line in lines[1:]:
        if not line.strip():
            continue
        s, label, t = [x.strip() for x in line.split(",")]
        scores.append(float(s))
        live.append(label == "1")
        types.append(t if label == "1" or t else UNSPECIFIED)
    return np.array(scores, dtype=np.float64), np.array(live, dtype=bool), types


def rate(count, total):
    return NAN if total == 0 else count / total


def per_type_apcer(scores, live, types, t):
    out = {}
    for name in sorted({ty for ty, l in zip(types, live) if not l}):
        mask = np.array([(not l) and ty == name for ty, l in zip(types, live)], dtype=bool)
        out[name] = rate(int(np.sum(scores[mask] >= t)), int(np.sum(mask)))
    return out


def apcer(scores, live, types, t):
    per = per_type_apcer(scores, live, types, t)
    return max(per.values()) if per else NAN


def bpcer(scores, live, t):
    return rate(int(np.sum(scores[live] < t)), int(np.sum(live)))


def pooled_apcer(scores, live, t):
    return rate(int(np.sum(scores[~live] >= t)), int(np.sum(~live)))


def candidates(scores):
    return sorted(set(scores.tolist())) + [math.inf]


def eer(scores, live):
    """(eer, threshold); ties of |difference| decided exactly with integer counts."""
    n_live, n_att = int(np.sum(live)), int(np.sum(~live))
    if n_live == 0 or n_att == 0:
        return NAN, NAN
    best = None
    for t in candidates(scores):
        acc = int(np.sum(scores[~live] >= t))
        rej = int(np.sum(scores[live] < t))
        gap = abs(acc * n_live - rej * n_att)  # |acc/n_att - rej/n_live| times n_live * n_att
        if best is None or gap < best[0]:
            best = (gap, t, acc / n_att, rej / n_live)
    return (best[2] + best[3]) / 2, best[1]


def bpcer_at_apcer(scores, live, types, x):
    if not live.any() or live.all():
        return NAN
    feasible = [bpcer(scores, live, t) for t in candidates(scores) if apcer(scores, live, types, t) <= x]
    return min(feasible)


def auc(scores, live):
    pos, neg = scores[live], scores[~live]
    if len(pos) == 0 or len(neg) == 0:
        return NAN
    twice_u = int(2 * np.sum(pos[:, None] > neg[None, :]) + np.sum(pos[:, None] == neg[None, :]))
    return twice_u / (2 * len(pos) * len(neg))


def metrics(scores, live, types, t=0.5):
    a = apcer(scores, live, types, t)
    b = bpcer(scores, live, t)
    e, e_t = eer(scores, live)
    return {
        "apcer": a,
        "apcer_per_type": per_type_apcer(scores, live, types, t),
        "bpcer": b,
        "acer": (a + b) / 2,
        "eer": e,
        "auc": auc(scores, live),
        "bpcer_at_apcer": {"0.01": bpcer_at_apcer(scores, live, types, 0.01),
                           "0.05": bpcer_at_apcer(scores, live, types, 0.05)},
        "eer_threshold": e_t,
    }


def hter(dev, test):
    _, t = eer(dev[0], dev[1])
    scores, live, _ = test
    a, b = pooled_apcer(scores, live, t), bpcer(scores, live, t)
    if math.isnan(t) or math.isnan(a) or math.isnan(b):
        return {"threshold": t, "apcer": NAN, "bpcer": NAN, "hter": NAN}
    return {"threshold": t, "apcer": a, "bpcer": b, "hter": (a + b) / 2}


def to_json(obj):
    def clean(v):
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items()}
        if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
            return None  # +infinity only occurs as a threshold: null there too
        return v
    return json.dumps(clean(obj), indent=1)


# ---- fixtures ----

THRESHOLDS = [0.5, 0.3, 0.75]


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("score,label,attack_type\n")
        for s, label, t in rows:
            f.write(f"{s},{label},{t}\n")


def fixtures():
    rng = np.random.default_rng(30107)
    fx = {}

    def mixed(n_live, attack_counts, live_mu, spread, fmt):
        rows = [(fmt(rng.normal(live_mu, spread)), 1, "") for _ in range(n_live)]
        for name, (n, mu) in attack_counts.items():
            rows += [(fmt(rng.normal(mu, spread)), 0, name) for _ in range(n)]
        rng.shuffle(rows)
        return rows

    full = lambda v: repr(float(v))
    fx["random"] = mixed(400, {"print": (150, 0.3), "replay": (120, 0.45), "mask": (60, 0.55)}, 0.7, 0.15, full)
    # Two decimals: many scores tie, within and across classes.
    fx["heavy_ties"] = mixed(300, {"print": (200, 0.35), "replay": (100, 0.5)}, 0.6, 0.12, lambda v: f"{v:.2f}")
    # A handful of discrete levels, as a thresholded or quantised model gives.
    levels = [0.0, 0.25, 0.5, 0.75, 1.0]
    fx["discrete"] = [(levels[rng.integers(2, 5)], 1, "") for _ in range(50)] + \
                     [(levels[rng.integers(0, 4)], 0, rng.choice(["print", "replay"])) for _ in range(70)]
    # Some attacks carry no type: they count as "unspecified".
    fx["empty_attack_type"] = mixed(80, {"print": (40, 0.3), "": (30, 0.5)}, 0.7, 0.2, lambda v: f"{v:.3f}")
    fx["all_live"] = [(f"{v:.3f}", 1, "") for v in rng.uniform(0, 1, 25)]
    fx["all_attack"] = [(f"{v:.3f}", 0, rng.choice(["print", "replay"])) for v in rng.uniform(0, 1, 25)]
    fx["single_live"] = [("0.625", 1, "")]
    fx["single_attack"] = [("0.5", 0, "print")]
    fx["separable"] = [(f"{v:.4f}", 1, "") for v in rng.uniform(0.6, 1, 30)] + \
                      [(f"{v:.4f}", 0, "print") for v in rng.uniform(0, 0.4, 30)]
    # The development/test pair for the HTER.
    fx["dev"] = mixed(200, {"print": (100, 0.35), "replay": (100, 0.45)}, 0.65, 0.15, lambda v: f"{v:.4f}")
    fx["test"] = mixed(200, {"print": (100, 0.4), "replay": (100, 0.5)}, 0.62, 0.17, lambda v: f"{v:.4f}")
    return fx


def generate(out_dir):
    import os
    from sklearn.metrics import roc_auc_score
    for name, rows in fixtures().items():
        path = os.path.join(out_dir, name + ".csv")
        write_csv(path, rows)
        scores, live, types = read_scores(path)
        expected = {str(t): metrics(scores, live, types, t) for t in THRESHOLDS}
        a = expected["0.5"]["auc"]
        if not math.isnan(a):  # cross-check the pair count against sklearn's trapezoidal ROC area
            assert abs(a - roc_auc_score(live.astype(int), scores)) < 1e-12, name
        with open(os.path.join(out_dir, name + ".expected.json"), "w", encoding="utf-8") as f:
            f.write(to_json(expected) + "\n")
    with open(os.path.join(out_dir, "hter.expected.json"), "w", encoding="utf-8") as f:
        dev = read_scores(os.path.join(out_dir, "dev.csv"))
        test = read_scores(os.path.join(out_dir, "test.csv"))
        f.write(to_json(hter(dev, test)) + "\n")


def main(argv):
    if len(argv) >= 2 and argv[0] == "metrics":
        t = float(argv[3]) if len(argv) == 4 and argv[2] == "--threshold" else 0.5
        print(to_json(metrics(*read_scores(argv[1]), t)))
    elif len(argv) == 3 and argv[0] == "hter":
        print(to_json(hter(read_scores(argv[1]), read_scores(argv[2]))))
    elif len(argv) == 2 and argv[0] == "generate":
        generate(argv[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
