"""Golden cases for TensorFlow's FakeQuantWithMinMaxVars[PerChannel] (format: shared/goldens/FORMAT.md),
checked against PyTorch 1.13's fake_quantize ops.

TensorFlow is not installed, so each case nudges its [min, max] here, in float32 as TF's Nudge does
(tensorflow/core/kernels/fake_quant_ops_functor.h):
    scale = (max - min) / (qmax - qmin); zp_from_min = qmin - min / scale
    zp = clamp(round_half_away(zp_from_min), qmin, qmax)
    nudged_min = (qmin - zp) * scale; nudged_max = (qmax - zp) * scale
and takes the output and the input gradient from torch.fake_quantize_per_{tensor,channel}_affine with
that scale and zero point. The two ops agree away from two places, which the values avoid:
- rounding ties: TF rounds half up, PyTorch half to even, so x / scale stays 1e-3 steps clear of .5;
- the half step just outside the range: PyTorch passes the gradient where the *rounded* code is in range,
  i.e. on [nudged_min - scale/2, nudged_max + scale/2), TF only on [nudged_min, nudged_max]; values in
  between are moved a further step out.
The min / max gradients (TF: the sum of the upstream gradient below / above the nudged range) have no
PyTorch op; they are the masked sums of the seed, computed here with torch.

Usage: /usr/bin/python3 tools/goldens/make_qat_goldens.py --out vigil-tensor/src/test/resources/goldens/qat
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_io import encode  # noqa: E402

TIE_MARGIN = 1e-3
# Outputs: TF forms floor((x - nudged_min) / scale + 0.5) * scale + nudged_min, PyTorch (q - zp) * scale;
# the same code gives values a few float32 ulps apart (|y| <= ~12 here, ulp ~1e-6).
ATOL, RTOL = 1e-5, 1e-5


def nudge(lo, hi, num_bits, narrow):
    qmin = np.float32(1 if narrow else 0)
    qmax = np.float32((1 << num_bits) - 1)
    lo, hi = np.float32(lo), np.float32(hi)
    scale = np.float32((hi - lo) / (qmax - qmin))
    zp_from_min = np.float32(qmin - np.float32(lo / scale))
    if zp_from_min < qmin:
        zp = int(qmin)
    elif zp_from_min > qmax:
        zp = int(qmax)
    else:
        zp = int(np.floor(np.float64(zp_from_min) + 0.5))  # non-negative: half up == half away from zero
    return (np.float32((qmin - np.float32(zp)) * scale), np.float32((qmax - np.float32(zp)) * scale), scale, zp,
            int(qmin), int(qmax))


def _clean(x, nmin, nmax, scale):
    """x (float64 numpy) moved off ties and out of the half-step bands beside the range."""
    v = (x - nmin) / scale
    tie = np.floor(v) + 0.5
    x = np.where(np.abs(v - tie) < TIE_MARGIN, (tie - 0.01) * scale + nmin, x)
    x = np.where((x < nmin) & (x >= nmin - scale), nmin - 1.5 * scale, x)
    x = np.where((x > nmax) & (x <= nmax + scale), nmax + 1.5 * scale, x)
    return x.astype(np.float32)


def per_tensor_case(rng, tag, lo, hi, num_bits, narrow, shape):
    nmin, nmax, scale, zp, qmin, qmax = nudge(lo, hi, num_bits, narrow)
    width = max(float(nmax - nmin), 1e-3)
    x = _clean(rng.uniform(float(nmin) - 0.3 * width, float(nmax) + 0.3 * width, shape), float(nmin), float(nmax),
               float(scale))
    seed = rng.uniform(-1, 1, shape).astype(np.float32)
    xt = torch.tensor(x, requires_grad=True)
    y = torch.fake_quantize_per_tensor_affine(xt, float(scale), zp, qmin, qmax)
    (y * torch.tensor(seed)).sum().backward()
    s = torch.tensor(seed)
    xs = torch.tensor(x)
    tensors = {
        "input.x": x, "input.min": np.array([lo], np.float32), "input.max": np.array([hi], np.float32),
        "output.y": y.detach().numpy(), "seed.y": seed, "grad.x": xt.grad.numpy(),
        "grad.min": np.array([(s * (xs < float(nmin))).sum().item()], np.float32),
        "grad.max": np.array([(s * (xs > float(nmax))).sum().item()], np.float32),
    }
    attrs = {"num_bits": num_bits, "narrow_range": narrow}
    return "fake_quant_with_min_max_vars", tag, attrs, tensors


def per_channel_case(rng, tag, shape, axis, num_bits, narrow, symmetric):
    channels = shape[axis]
    if symmetric:
        a = rng.uniform(0.2, 2.0, channels)
        lo, hi = -a, a
    else:
        lo = rng.uniform(-3.0, 0.5, channels)
        hi = lo + rng.uniform(0.5, 4.0, channels)
    nudged = [nudge(lo[c], hi[c], num_bits, narrow) for c in range(channels)]
    view = [1] * len(shape)
    view[axis] = channels
    nmin = np.array([n[0] for n in nudged], np.float64).reshape(view)
    nmax = np.array([n[1] for n in nudged], np.float64).reshape(view)
    scale = np.array([n[2] for n in nudged], np.float64).reshape(view)
    width = nmax - nmin
    u = rng.uniform(-0.3, 1.3, shape)
    x = _clean(nmin + u * width, nmin, nmax, scale)
    seed = rng.uniform(-1, 1, shape).astype(np.float32)
    xt = torch.tensor(x, requires_grad=True)
    y = torch.fake_quantize_per_channel_affine(
        xt, torch.tensor([n[2] for n in nudged], dtype=torch.float32),
        torch.tensor([n[3] for n in nudged], dtype=torch.int32), axis, nudged[0][4], nudged[0][5])
    (y * torch.tensor(seed)).sum().backward()
    other = tuple(d for d in range(len(shape)) if d != axis)
    s = torch.tensor(seed, dtype=torch.float64)
    xs = torch.tensor(x, dtype=torch.float64)
    below = (s * (xs < torch.tensor(nmin.astype(np.float32), dtype=torch.float64))).sum(dim=other)
    above = (s * (xs > torch.tensor(nmax.astype(np.float32), dtype=torch.float64))).sum(dim=other)
    tensors = {
        "input.x": x, "input.min": lo.astype(np.float32), "input.max": hi.astype(np.float32),
        "output.y": y.detach().numpy(), "seed.y": seed, "grad.x": xt.grad.numpy(),
        "grad.min": below.numpy().astype(np.float32), "grad.max": above.numpy().astype(np.float32),
    }
    attrs = {"axis": axis, "num_bits": num_bits, "narrow_range": narrow}
    return "fake_quant_with_min_max_vars_per_channel", tag, attrs, tensors


def cases(rng):
    yield per_tensor_case(rng, "uint8_asymmetric", -1.37, 4.21, 8, False, [3, 4, 5])
    yield per_tensor_case(rng, "uint8_narrow", -2.5, 2.5, 8, True, [2, 3, 6])
    yield per_tensor_case(rng, "int4_wide", -0.8, 1.9, 4, False, [40])
    yield per_tensor_case(rng, "min_above_zero", 0.5, 3.0, 8, False, [4, 10])  # nudged to [0, 2.5]
    yield per_tensor_case(rng, "max_below_zero", -6.0, -1.0, 8, False, [4, 10])  # nudged to [-5, 0]
    yield per_tensor_case(rng, "relu6_range", 0.0, 6.0, 8, False, [2, 2, 5, 5])
    yield per_channel_case(rng, "weight_axis0_sym_narrow", [6, 3, 3, 3], 0, 8, True, True)
    yield per_channel_case(rng, "nchw_axis1_asym", [2, 5, 3, 4], 1, 8, False, False)
    yield per_channel_case(rng, "last_axis_tf_default", [4, 3, 7], 2, 8, False, False)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    for op, tag, attrs, tensors in cases(rng):
        meta = {"op": op, "attrs": json.dumps(attrs), "atol": repr(ATOL), "rtol": repr(RTOL)}
        tensors = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in tensors.items()}
        with open(os.path.join(args.out, f"{op}__{tag}.safetensors"), "wb") as f:
            f.write(encode(tensors, meta))
        print(f"{op}__{tag}")


if __name__ == "__main__":
    main()
