#!/usr/bin/python3
"""Writes golden cases (format: shared/goldens/FORMAT.md) at exactly the layer shapes of the blink
models (vigil.liveness.blink: EyeStateCnn, BlinkGru, ScoreSmootherGru), so the engine's golden suite
checks each of their layers, forward and backward, as the models use them.

    /usr/bin/python3 tools/goldens/make_blink_goldens.py --out vigil-liveness/src/test/resources/goldens/blink

Same seed, same bytes. References in float64 (see make_engine_goldens.py).
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import _VF  # noqa: E402

from golden_case import Case, Draw  # noqa: E402
from make_engine_goldens import evaluate, write_case  # noqa: E402


def conv(draw, tag, n, c_in, c_out, groups, hw, stride, padding):
    fan_in = (c_in // groups) * (3 if padding else 1) ** 2
    k = 3 if padding else 1
    inputs = {"x": draw.normal([n, c_in, hw, hw]), "weight": draw.normal([c_out, c_in // groups, k, k], fan_in ** -0.5)}
    attrs = {"stride": [stride, stride], "padding": [padding, padding], "dilation": [1, 1], "groups": groups}
    return Case("conv2d", tag, attrs, inputs,
                lambda a: {"y": F.conv2d(a["x"], a["weight"], None, stride, padding, 1, groups)})


def batch_norm(draw, tag, shape, training):
    c = shape[1]
    x = draw.normal(shape) * draw.uniform([1, c, 1, 1], 0.5, 2.0) + draw.normal([1, c, 1, 1], 1.0)
    inputs = {"x": x, "weight": draw.uniform([c], 0.5, 1.5), "bias": draw.normal([c], 0.5),
              "running_mean": draw.normal([c], 0.3), "running_var": draw.uniform([c], 0.5, 2.0)}

    def forward(a):
        mean, var = a["running_mean"].detach().clone(), a["running_var"].detach().clone()
        y = F.batch_norm(a["x"], mean, var, a["weight"], a["bias"], training, 0.1, 1e-5)
        return {"y": y, "running_mean": mean, "running_var": var} if training else {"y": y}

    return Case("batch_norm2d", tag, {"training": training, "momentum": 0.1, "eps": 1e-5}, inputs, forward,
                grads=("x", "weight", "bias"), seeded=("y",))


def gru(draw, tag, batch, steps, features, hidden):
    bound = hidden ** -0.5
    names = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]
    shapes = [[3 * hidden, features], [3 * hidden, hidden], [3 * hidden], [3 * hidden]]
    inputs = {"x": draw.normal([batch, steps, features]), "h0": draw.normal([1, batch, hidden], 0.5)}
    for name, shape in zip(names, shapes):
        inputs[name] = draw.uniform(shape, -bound, bound)

    def forward(a):
        y, h_n = _VF.gru(a["x"], a["h0"], [a[n] for n in names], True, 1, 0.0, False, False, True)
        return {"y": y, "h_n": h_n}

    return Case("gru", tag, {"hidden_size": hidden, "num_layers": 1, "batch_first": True, "bidirectional": False},
                inputs, forward)


def linear(draw, tag, shape_in, fan_out):
    fan_in = shape_in[-1]
    inputs = {"x": draw.normal(shape_in), "weight": draw.normal([fan_out, fan_in], fan_in ** -0.5),
              "bias": draw.normal([fan_out], 0.5)}
    return Case("linear", tag, {}, inputs, lambda a: {"y": F.linear(a["x"], a["weight"], a["bias"])})


def cases(draw):
    n = 2  # the detector's batch: both eyes of a frame
    return [
        # EyeStateCnn: stem, then (depthwise 3x3, BN, ReLU, pointwise 1x1, BN, ReLU) x 3, pool, head
        conv(draw, "eye_stem_1to8", n, 1, 8, 1, 24, 1, 1),
        conv(draw, "eye_dw8_s2", n, 8, 8, 8, 24, 2, 1),
        conv(draw, "eye_pw8to16", n, 8, 16, 1, 12, 1, 0),
        conv(draw, "eye_dw16_s2", n, 16, 16, 16, 12, 2, 1),
        conv(draw, "eye_pw16to24", n, 16, 24, 1, 6, 1, 0),
        conv(draw, "eye_dw24_s1", n, 24, 24, 24, 6, 1, 1),
        conv(draw, "eye_pw24to24", n, 24, 24, 1, 6, 1, 0),
        batch_norm(draw, "eye_bn8_train", [n, 8, 24, 24], True),
        batch_norm(draw, "eye_bn24_eval", [n, 24, 6, 6], False),
        Case("relu", "eye_relu", {}, {"x": draw.keep_away(draw.normal([n, 16, 12, 12]), [0.0], 1e-3)},
             lambda a: {"y": F.relu(a["x"])}),
        Case("adaptive_avg_pool2d", "eye_pool", {"output_size": [1, 1]}, {"x": draw.normal([n, 24, 6, 6])},
             lambda a: {"y": F.adaptive_avg_pool2d(a["x"], (1, 1))}),
        linear(draw, "eye_head", [n, 24], 1),
        # BlinkGru: GRU 6 -> 16 batch-first over a training-length sequence, per-frame linear head
        gru(draw, "blink_gru_6to16", 3, 40, 6, 16),
        linear(draw, "blink_head", [3, 40, 16], 1),
        # ScoreSmootherGru: GRU 2 -> 8, head
        gru(draw, "smoother_gru_2to8", 2, 30, 2, 8),
        linear(draw, "smoother_head", [2, 30, 8], 1),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)
    draw = Draw(args.seed, "blink")
    for i, case in enumerate(cases(draw), start=1):
        name = f"blink_{i:02d}_{case.tag}"
        size = write_case(args.out, name, case, evaluate(name, case, draw))
        print(f"{name}: {size} bytes")


if __name__ == "__main__":
    main()
