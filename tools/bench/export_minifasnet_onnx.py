#!/usr/bin/python3
"""Exports the MiniFASNetV2 of torch_workloads.py (80x80x3, 3 classes, eval mode, random weights from seed 0,
batch-norm statistics set from a random batch)
to ONNX opset 13 with a dynamic batch axis, for ONNX Runtime in the side-by-side bench
(vigil.bench.OrtBenchMain, scripts/bench-vs-pytorch.sh). The weights do not change the timing; the
architecture is the one Vigil and PyTorch time.

Beside MODEL.onnx it writes the agreement check the ONNX Runtime runner must pass before it times anything:
  MODEL.check-input.f32   a batch of 2 inputs [2, 3, 80, 80], raw little-endian float32 (batch 2, not the
                          export's batch 1, so the dynamic batch axis is exercised)
  MODEL.check-output.f32  PyTorch's logits for that batch [2, 3], raw little-endian float32
torch 1.13's exporter needs no `onnx` python package.
"""
import argparse
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_workloads import MiniFasNetV2  # noqa: E402  (the timing twin of Vigil's MiniFasNet)

OPSET = 13
CHECK_BATCH = 2


def calibrated(model, batch=32):
    """Sets every batch norm's running statistics from a random batch, then eval mode.

    With default init and running stats (mean 0, var 1) the activations shrink layer by layer and the logits
    come out near 1e-5, where an absolute check of 1e-4 could not fail; normalised, they are of order 1.
    """
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.reset_running_stats()
            m.momentum = None  # cumulative average: one batch sets the statistics exactly
    model.train()
    with torch.no_grad():
        model(torch.rand(batch, 3, 80, 80) * 2 - 1)
    return model.eval()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="path of the .onnx file to write")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    if not args.out.endswith(".onnx"):
        sys.exit(f"export_minifasnet_onnx: --out {args.out} must end in .onnx")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    torch.manual_seed(args.seed)
    model = calibrated(MiniFasNetV2())
    example = torch.rand(1, 3, 80, 80) * 2 - 1
    torch.onnx.export(model, example, args.out, opset_version=OPSET, input_names=["input"],
                      output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    check_input = torch.rand(CHECK_BATCH, 3, 80, 80) * 2 - 1
    with torch.no_grad():
        check_output = model(check_input)
    stem = args.out[:-len(".onnx")]
    # numpy's tofile writes the host order; the check files are little-endian by contract.
    if sys.byteorder != "little":
        sys.exit("export_minifasnet_onnx: the check files are little-endian; this host is not")
    check_input.numpy().astype("float32").tofile(stem + ".check-input.f32")
    check_output.numpy().astype("float32").tofile(stem + ".check-output.f32")
    print(f"export_minifasnet_onnx: wrote {args.out} ({os.path.getsize(args.out)} bytes, opset {OPSET}, "
          f"torch {torch.__version__}) and its check pair; check logits max |value| "
          f"{check_output.abs().max().item():.4g}", file=sys.stderr)


if __name__ == "__main__":
    main()
