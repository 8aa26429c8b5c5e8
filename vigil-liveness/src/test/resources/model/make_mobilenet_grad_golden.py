# Golden for MobileNetV2GradientTest: the loss gradients of a tiny MobileNetV2 live/spoof net
# (vigil.liveness.model.MobileNetV2MultiTask, width 0.25, 32x32 input, 3 live classes, no extra heads,
# evaluation mode) computed by PyTorch autograd in float64 on float32 weights, so the engine's float32
# backpropagation can be checked against an exact reference on every layer, the deep ones included.
# The module names mirror the engine's. Parameters and input come from a 64-bit LCG seeded by the FNV-1a hash of
# the tensor's name (repeated in the test); the batch-norm running statistics are the input batch's own.
# Run: /usr/bin/python3 make_mobilenet_grad_golden.py mobilenet-grad-golden.safetensors
# With --analyse it also prints how central differences of step h (float32 and float64) compare with the
# float64 gradient: the question whether deep weights' numeric gradients are off because of ReLU6 kinks.
import sys

import numpy as np
import torch
from torch import nn

SETTINGS = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]
LOW_ROWS = 3
WIDTH = 0.25
SIZE = 32
CLASSES = 3


def divisible(v, d=8):
    r = max(d, int(v + d / 2) // d * d)
    return r + d if r < 0.9 * v else r


def conv_bn(cin, cout, k, stride, groups, relu6):
    layers = [nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False), nn.BatchNorm2d(cout)]
    if relu6:
        layers.append(nn.ReLU6())
    return nn.Sequential(*layers)


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, t):
        super().__init__()
        hidden = cin * t
        self.expand = None if t == 1 else conv_bn(cin, hidden, 1, 1, 1, True)
        self.depthwise = conv_bn(hidden, hidden, 3, stride, hidden, True)
        self.project = conv_bn(hidden, cout, 1, 1, 1, False)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        h = x if self.expand is None else self.expand(x)
        y = self.project(self.depthwise(h))
        return x + y if self.residual else y


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        c = divisible(32 * WIDTH)
        self.stem = conv_bn(3, c, 3, 2, 1, True)
        self.low = nn.Sequential()
        self.high = nn.Sequential()
        for r, (t, ch, n, s) in enumerate(SETTINGS):
            out = divisible(ch * WIDTH)
            for i in range(n):
                (self.low if r < LOW_ROWS else self.high).append(InvertedResidual(c, out, s if i == 0 else 1, t))
                c = out
        last = divisible(1280 * max(1.0, WIDTH))
        self.high.append(conv_bn(c, last, 1, 1, 1, True))
        self.classifier = nn.Linear(last, CLASSES)

    def forward(self, x):
        f = self.high(self.low(self.stem(x * (1.0 / 255.0))))
        return self.classifier(f.mean(dim=(2, 3)))


MASK = (1 << 64) - 1


def fnv1a(text):
    h = 0xcbf29ce484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001b3) & MASK
    return h


def lcg_stream(name):
    # the generator MobileNetV2GradientTest repeats in Java: 64-bit LCG seeded by FNV-1a of the name
    state = fnv1a(name)
    while True:
        state = (state * 6364136223846793005 + 1442695040888963407) & MASK
        yield state


def uniform(name, n):
    # 24-bit uniforms in [-1, 1), exact in float32
    g = lcg_stream(name)
    return np.array([(next(g) >> 40) / float(1 << 23) - 1.0 for _ in range(n)])


def generated(name, shape):
    n = int(np.prod(shape))
    u = uniform(name, n)
    if name.endswith("running_mean") or name.endswith("running_var"):
        raise ValueError(name)
    if len(shape) > 1:   # conv / linear weight: He-uniform bound sqrt(6 / fan_in)
        scale = np.sqrt(6.0 / (n // shape[0]))
        return (u * scale).astype(np.float32).reshape(shape)
    if ".1.weight" in name or name.endswith(".1.weight"):
        return (1.0 + 0.5 * u).astype(np.float32).reshape(shape)   # batch-norm gamma
    return (0.1 * u).astype(np.float32).reshape(shape)               # biases, batch-norm beta


def generated_input():
    g = lcg_stream("input")
    return np.array([next(g) >> 56 for _ in range(3 * 3 * SIZE * SIZE)], dtype=np.float32).reshape(3, 3, SIZE, SIZE)


def build():
    net = Net().double()
    with torch.no_grad():
        for name, p in net.named_parameters():
            p.copy_(torch.from_numpy(generated(name, tuple(p.shape))))
    x = torch.from_numpy(generated_input()).double()
    y = torch.tensor([1, 0, 2])
    # running statistics = the batch's own (one training-mode pass with momentum 1), so evaluation mode
    # keeps the activations at a sane scale; rounded to float32 (the golden stores them)
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.momentum = 1.0
    net.train()
    with torch.no_grad():
        net(x)
        for m in net.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.copy_(m.running_mean.float().double())
                m.running_var.copy_(m.running_var.float().double())
    net.eval()
    return net, x, y


SAMPLED = 256


def sampled(a):
    # at most SAMPLED elements, indices j * n // k (the test picks the same)
    flat = a.reshape(-1)
    n = flat.shape[0]
    k = min(n, SAMPLED)
    return flat[[j * n // k for j in range(k)]]


def loss_of(net, x, y):
    return nn.functional.cross_entropy(net(x), y)


def analyse(net, x, y):
    loss = loss_of(net, x, y)
    net.zero_grad()
    loss.backward()
    names = ["high.11.0.weight", "high.5.expand.0.weight", "low.3.depthwise.0.weight", "stem.0.weight",
             "classifier.weight"]
    params = dict(net.named_parameters())
    rng = np.random.default_rng(3)
    for name in names:
        p = params[name]
        g = p.grad.detach().numpy().ravel()
        idx = rng.choice(g.size, 24, replace=False)
        for dtype, h in [(torch.float32, 1e-3), (torch.float64, 1e-3), (torch.float64, 1e-6)]:
            worst = 0.0
            m = net.to(dtype)
            xx = x.to(dtype)
            flat = dict(m.named_parameters())[name].data.view(-1)
            for i in idx:
                old = flat[i].item()
                with torch.no_grad():
                    flat[i] = old + h
                    up = loss_of(m, xx, y).item()
                    flat[i] = old - h
                    down = loss_of(m, xx, y).item()
                    flat[i] = old
                num = (up - down) / (2 * h)
                worst = max(worst, abs(num - g[i]) / max(abs(g[i]), 1e-3))
            print("%-28s %s h=%g: worst |numeric - analytic| / max(|analytic|, 1e-3) over 24 weights = %.3g"
                  % (name, str(dtype).replace("torch.", ""), h, worst))
        net.double()


def main():
    net, x, y = build()
    if "--analyse" in sys.argv:
        analyse(net, x, y)
        return
    loss = loss_of(net, x, y)
    loss.backward()
    # the input and the parameters are generated (see generated()), only the running statistics, the
    # loss and a sample of every parameter's gradient are stored
    out = {"target": y.long(), "loss": loss.detach().float().reshape(1)}
    for k, v in net.state_dict().items():
        if k.endswith("running_mean") or k.endswith("running_var"):
            out["state." + k] = v.float().contiguous()
    for k, p in net.named_parameters():
        out["grad." + k] = sampled(p.grad.float()).contiguous()
    save_safetensors(out, sys.argv[1])


def save_safetensors(tensors, path):
    # the format written out by hand (no safetensors package here): u64 header length, JSON header, raw data
    import json
    import struct
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        a = t.detach().numpy()
        dtype = {np.float32: "F32", np.int64: "I64"}[a.dtype.type]
        raw = a.astype(a.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(a.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


if __name__ == "__main__":
    main()
