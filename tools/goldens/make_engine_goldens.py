#!/usr/bin/python3
"""Writes the engine's golden cases (format: shared/goldens/FORMAT.md) from PyTorch.

    /usr/bin/python3 tools/goldens/make_engine_goldens.py --out DIR --seed N [--ops op1,op2]

The seed drives shapes, attributes and values; the same seed writes the same bytes.

References are computed in float64 from float32 inputs and rounded once to float32, so a case
measures the engine's float32 error against a near-exact answer rather than against one particular
float32 summation order. (Fake quantization exists only in float32 in PyTorch; its cases are float32
and exact, as their values keep clear of rounding ties.) As a check on every tolerance, the generator
also runs each case through PyTorch's own float32 path and refuses to write a case where that path
uses more than 1/HEADROOM of the tolerance: an independent float32 engine makes errors of the same
order, and the factor leaves it room for a different accumulation order. Over seeds 1..200 the worst
case used 1/24 of it (batch_norm2d over 576 values per channel), so the shared default tolerance,
atol = rtol = 1e-4, holds for every family.
"""
import argparse
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the sources

import numpy as np  # noqa: E402
import torch  # noqa: E402

import cases_loss_quant  # noqa: E402
import cases_pointwise  # noqa: E402
import cases_recurrent  # noqa: E402
import cases_spatial  # noqa: E402
import safetensors_io  # noqa: E402
from golden_case import Draw  # noqa: E402

HEADROOM = 4.0

# op name -> builder(draw) -> [Case]; the order is the order of generation and of the report.
BUILDERS = {}
for family in (cases_pointwise, cases_spatial, cases_recurrent, cases_loss_quant):
    BUILDERS.update(family.BUILDERS)


def _run(case, dtype):
    """Forward in dtype: (inputs as passed, outputs)."""
    ins = {}
    grads = set(case.grad_names())
    for name, t in case.inputs.items():
        if t.is_floating_point():
            t = t.to(dtype).clone().requires_grad_(name in grads)
        else:
            t = t.clone()
        ins[name] = t
    outs = case.forward(ins)
    return ins, outs


def _backward(case, ins, outs, seeds):
    loss = sum((outs[k] * seeds[k].to(outs[k].dtype)).sum() for k in seeds)
    names = case.grad_names()
    got = torch.autograd.grad(loss, [ins[k] for k in names], allow_unused=True)
    return {k: (torch.zeros_like(ins[k]) if g is None else g) for k, g in zip(names, got)}


def _f32(t):
    return t.detach().to(torch.float32)


def _check_headroom(name, what, actual, expected, atol, rtol):
    """PyTorch's own float32 result must pass with HEADROOM to spare, and nothing may be non-finite."""
    if not torch.isfinite(expected).all():
        raise SystemExit(f"{name}: {what} holds non-finite values")
    diff = (actual.double() - expected.double()).abs()
    allowed = (atol + rtol * expected.double().abs()) / HEADROOM
    if actual.shape != expected.shape or not bool((diff <= allowed).all()):
        worst = float((diff - allowed).max())
        raise SystemExit(f"{name}: {what}: PyTorch float32 exceeds 1/{HEADROOM:g} of the tolerance "
                         f"(atol {atol}, rtol {rtol}) by {worst:.3g}; widen the family's tolerance with a reason")


def evaluate(name, case, draw):
    """The ordered tensors of the case file: inputs, outputs, seeds, gradients."""
    ref_dtype = torch.float32 if case.float32_only else torch.float64
    ins, outs = _run(case, ref_dtype)
    seeded = case.seeded if case.seeded is not None else tuple(outs)
    seeds = {k: draw.normal(list(outs[k].shape)) for k in seeded}
    grads = _backward(case, ins, outs, seeds)
    outs = {k: _f32(v) for k, v in outs.items()}
    grads = {k: _f32(v) for k, v in grads.items()}

    ins32, outs32 = _run(case, torch.float32)
    grads32 = _backward(case, ins32, outs32, seeds)
    for k in outs:
        _check_headroom(name, "output." + k, _f32(outs32[k]), outs[k], case.atol, case.rtol)
    for k in grads:
        _check_headroom(name, "grad." + k, _f32(grads32[k]), grads[k], case.atol, case.rtol)

    tensors = {}
    for prefix, group in (("input", case.inputs), ("output", outs), ("seed", seeds), ("grad", grads)):
        for k, t in group.items():
            t = t.detach()
            array = t.numpy().astype("<i8") if t.dtype == torch.int64 else t.float().numpy().astype("<f4")
            tensors[f"{prefix}.{k}"] = array
    return tensors


def write_case(out_dir, name, case, tensors):
    metadata = {"op": case.op, "attrs": json.dumps(case.attrs),
                "atol": repr(case.atol), "rtol": repr(case.rtol)}
    data = safetensors_io.encode(tensors, metadata)
    back, back_meta = safetensors_io.decode(data)
    if back_meta != metadata or list(back) != list(tensors) or not all(
            np.array_equal(back[k], tensors[k]) for k in tensors):
        raise SystemExit(f"{name}: the written file does not read back as written")
    with open(os.path.join(out_dir, name + ".safetensors"), "wb") as f:
        f.write(data)
    return len(data)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="directory for the <name>.safetensors cases")
    parser.add_argument("--seed", type=int, required=True, help="drives shapes, attributes and values")
    parser.add_argument("--ops", default="", help="comma-separated op names (default: all): " + ",".join(BUILDERS))
    args = parser.parse_args(argv)

    ops = [o for o in args.ops.split(",") if o] or list(BUILDERS)
    unknown = [o for o in ops if o not in BUILDERS]
    if unknown:
        parser.error(f"unknown ops {unknown}; known: {', '.join(BUILDERS)}")
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)

    written = []
    total = 0
    for op in ops:
        draw = Draw(args.seed, op)
        for i, case in enumerate(BUILDERS[op](draw), start=1):
            name = f"{op}_{i}_{case.tag}"
            total += write_case(args.out, name, case, evaluate(name, case, draw))
            written.append(name)
    print(f"wrote {len(written)} cases, {total} bytes, to {args.out}")
    stale = sorted(f for f in os.listdir(args.out)
                   if f.endswith(".safetensors") and f[:-len(".safetensors")] not in written)
    if stale and not args.ops:
        print("files in the directory this run did not write (stale?): " + ", ".join(stale))


if __name__ == "__main__":
    main()
