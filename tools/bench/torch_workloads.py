#!/usr/bin/python3
"""The workloads of `vigil bench`, in PyTorch, for side-by-side timing (scripts/bench-vs-pytorch.sh).

Prints one JSON object with the same keys as vigil.bench.BenchMain: each value is the median of the timed
steps after warm-up (ms, or GFLOP/s for SGEMM). MiniFASNetV2 is re-stated here from the architecture as
Vigil builds it (vigil-liveness MiniFasNet: the 1.8M_ channel table, conv6 kernel 5x5 at 80x80); it is a
timing twin, not a loader for pretrained weights.
"""
import argparse
import json
import statistics
import sys
import time

import torch
from torch import nn

# The "1.8M_" keep table of MiniFASNetV2: 49 channel widths read in a fixed pattern.
KEEP_V2 = [32, 32, 103, 103, 64, 13, 13, 64, 13, 13,
           64, 13, 13, 64, 13, 13, 64, 231, 231, 128,
           231, 231, 128, 52, 52, 128, 26, 26, 128, 77,
           77, 128, 26, 26, 128, 26, 26, 128, 308, 308,
           128, 26, 26, 128, 26, 26, 128, 512, 512]


def conv_bn_prelu(cin, cout, kernel, stride, padding, groups):
    return nn.Sequential(nn.Conv2d(cin, cout, kernel, stride, padding, groups=groups, bias=False),
                         nn.BatchNorm2d(cout), nn.PReLU(cout))


def conv_bn(cin, cout, kernel=1, stride=1, padding=0, groups=1):
    return nn.Sequential(nn.Conv2d(cin, cout, kernel, stride, padding, groups=groups, bias=False),
                         nn.BatchNorm2d(cout))


class DepthWise(nn.Module):
    """1x1 expand (BN, PReLU) -> 3x3 depthwise (BN, PReLU) -> 1x1 project (BN), optionally residual."""

    def __init__(self, cin, expanded, dw_out, projected, stride, residual):
        super().__init__()
        self.conv = conv_bn_prelu(cin, expanded, 1, 1, 0, 1)
        self.conv_dw = conv_bn_prelu(expanded, dw_out, 3, stride, 1, expanded)
        self.project = conv_bn(dw_out, projected)
        self.residual = residual

    def forward(self, x):
        y = self.project(self.conv_dw(self.conv(x)))
        return x + y if self.residual else y


def residual_stage(k, first, blocks):
    return nn.Sequential(*[DepthWise(k[first + 3 * i], k[first + 3 * i + 1], k[first + 3 * i + 2],
                                     k[first + 3 * i + 3], 1, True) for i in range(blocks)])


class MiniFasNetV2(nn.Module):
    def __init__(self, size=80, classes=3, embedding=128, drop=0.2):
        super().__init__()
        k = KEEP_V2
        conv6 = (size + 15) // 16
        self.trunk = nn.Sequential(
            conv_bn_prelu(3, k[0], 3, 2, 1, 1),
            conv_bn_prelu(k[0], k[1], 3, 1, 1, k[1]),
            DepthWise(k[1], k[2], k[3], k[4], 2, False),
            residual_stage(k, 4, 4),
            DepthWise(k[16], k[17], k[18], k[19], 2, False),
            residual_stage(k, 19, 6),
            DepthWise(k[37], k[38], k[39], k[40], 2, False),
            residual_stage(k, 40, 2),
            conv_bn_prelu(k[46], k[47], 1, 1, 0, 1),
            conv_bn(k[47], k[48], conv6, 1, 0, k[48]),
            nn.Flatten())
        self.linear = nn.Linear(512, embedding, bias=False)
        self.bn = nn.BatchNorm1d(embedding)
        self.drop = nn.Dropout(drop)
        self.prob = nn.Linear(embedding, classes, bias=False)

    def forward(self, x):
        return self.prob(self.drop(self.bn(self.linear(self.trunk(x)))))


def sgemm():
    a, b = torch.rand(1024, 1024) * 2 - 1, torch.rand(1024, 1024) * 2 - 1
    c = torch.empty(1024, 1024)
    return (lambda: torch.mm(a, b, out=c)), (lambda ms: 2 * 1024 ** 3 / (ms * 1e6))


def minifasnet_infer(batch):
    model = MiniFasNetV2().eval()
    x = torch.rand(batch, 3, 80, 80) * 2 - 1

    def step():
        with torch.no_grad():
            model(x)
    return step, None


def minifasnet_train():
    model = MiniFasNetV2().train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x = torch.rand(64, 3, 80, 80) * 2 - 1
    target = torch.randint(0, 3, (64,))
    loss = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss(model(x), target).backward()
        opt.step()
    return step, None


def gru_train():
    gru, head = nn.GRU(64, 128), nn.Linear(128, 2)
    opt = torch.optim.Adam(list(gru.parameters()) + list(head.parameters()), lr=1e-3)
    x = torch.rand(30, 64, 64) * 2 - 1
    target = torch.randint(0, 2, (64,))
    loss = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        _, h_n = gru(x)
        loss(head(h_n[-1]), target).backward()
        opt.step()
    return step, None


def gru_infer():
    gru = nn.GRU(64, 128)
    x = torch.rand(30, 1, 64) * 2 - 1

    def step():
        with torch.no_grad():
            gru(x)
    return step, None


WORKLOADS = {
    "sgemm_1024_gflops": sgemm,
    "minifasnet_v2_infer_b1_ms": lambda: minifasnet_infer(1),
    "minifasnet_v2_infer_b64_ms": lambda: minifasnet_infer(64),
    "minifasnet_v2_train_step_b64_ms": minifasnet_train,
    "gru_train_step_ms": gru_train,
    "gru_infer_b1_seq30_ms": gru_infer,
}


# Timed steps run for at least this long, whatever the iteration count, as in Vigil's BenchMain
# (MEASURE_SECONDS): a window of 15 fast steps was shorter than the bursts of other tenants' load on this VM.
MEASURE_SECONDS = 2


def median_ms(step, warmup, iterations, warmup_seconds):
    until = time.perf_counter() + warmup_seconds
    i = 0
    while i < warmup or time.perf_counter() < until:
        step()
        i += 1
    times = []
    until = time.perf_counter() + MEASURE_SECONDS
    while len(times) < iterations or time.perf_counter() < until:
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return -1


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--iterations", type=int, default=15)
    p.add_argument("--warmup-seconds", type=float, default=3)
    p.add_argument("--only", default="", help="comma-separated keys")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    only = [k for k in args.only.split(",") if k]
    out = {"engine": "pytorch " + torch.__version__, "threads": args.threads,
           "warmup": args.warmup, "iterations": args.iterations}
    for key, make in WORKLOADS.items():
        if only and key not in only:
            continue
        step, convert = make()
        ms = median_ms(step, args.warmup, args.iterations, args.warmup_seconds)
        out[key] = round(convert(ms) if convert else ms, 3)
        print(f"torch: {key} = {out[key]}", file=sys.stderr)
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
