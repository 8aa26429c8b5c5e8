"""Cases for linear, the activations and softmax."""
import torch
import torch.nn.functional as F

from golden_case import Case

# Kinks of a piecewise op are either hit exactly on purpose (PyTorch's convention there is fixed:
# relu'(0) = 0, relu6'(0) = relu6'(6) = 0, leaky_relu'(0) = slope) or kept this far away, so that
# a float32 engine cannot land on the other side of one by rounding.
KINK_MARGIN = 1e-3


def _small_shape(draw, min_numel=6, max_numel=240):
    """A random shape of rank 1..4 with min_numel..max_numel elements."""
    while True:
        shape = draw.shape(draw.int(1, 4), 1, 7)
        n = 1
        for d in shape:
            n *= d
        if min_numel <= n <= max_numel:
            return shape


def _with_exact(draw, x, values):
    """Flat x with a few elements set exactly to each of values (kinks whose convention is tested)."""
    x = x.clone().reshape(-1)
    for v in values:
        for _ in range(max(1, x.numel() // 20)):
            x[draw.int(0, x.numel() - 1)] = v
    return x


def _unary(op, fn, draw, scale, kinks=(), exact=()):
    """Three cases of a one-input op: a random shape, a 4-d NCHW map, and a case with exact kinks."""
    cases = []
    for tag, shape in (("any", _small_shape(draw, max_numel=40)),
                       ("nchw", [draw.int(1, 3), draw.int(1, 4), draw.int(2, 5), draw.int(2, 5)]),
                       ("kinks" if exact else "larger", _small_shape(draw, min_numel=60))):
        x = draw.keep_away(draw.normal(shape, scale), kinks, KINK_MARGIN)
        if tag == "kinks":
            x = _with_exact(draw, x.reshape(-1), exact).reshape(shape)
        cases.append(Case(op, tag, {}, {"x": x}, lambda i, fn=fn: {"y": fn(i["x"])}))
    return cases


def relu(draw):
    return _unary("relu", F.relu, draw, 2.0, kinks=(0.0,), exact=(0.0,))


def relu6(draw):
    return _unary("relu6", F.relu6, draw, 5.0, kinks=(0.0, 6.0), exact=(0.0, 6.0))


def sigmoid(draw):
    return _unary("sigmoid", torch.sigmoid, draw, 3.0)


def tanh(draw):
    return _unary("tanh", torch.tanh, draw, 2.0)


def hardswish(draw):
    # The kinks at +-3 are kept clear: PyTorch's backward uses x < -3 and x <= 3, an asymmetric
    # convention that a golden should not pin down.
    return _unary("hardswish", F.hardswish, draw, 3.0, kinks=(-3.0, 3.0))


def leaky_relu(draw):
    cases = []
    for i in range(4):
        slope = (0.01, 0.2)[i] if i < 2 else draw.round_float(0.0, 0.5)
        shape = _small_shape(draw) if i % 2 == 0 else [draw.int(1, 3), draw.int(1, 4), draw.int(2, 5), draw.int(2, 5)]
        x = draw.keep_away(draw.normal(shape, 2.0), (0.0,), KINK_MARGIN)
        tag = f"slope{slope:g}".replace(".", "p")
        if i == 3:
            x = _with_exact(draw, x.reshape(-1), (0.0,)).reshape(shape)
            tag += "_kinks"
        cases.append(Case("leaky_relu", tag, {"negative_slope": slope}, {"x": x},
                          lambda a, s=slope: {"y": F.leaky_relu(a["x"], s)}))
    return cases


def prelu(draw):
    cases = []
    for tag, shape in (("nchw", [draw.int(1, 3), draw.int(2, 5), draw.int(2, 5), draw.int(2, 5)]),
                       ("nc", [draw.int(2, 6), draw.int(2, 8)]),
                       ("ncl", [draw.int(1, 3), draw.int(2, 5), draw.int(3, 7)])):
        x = draw.keep_away(draw.normal(shape, 2.0), (0.0,), KINK_MARGIN)
        w = draw.uniform([shape[1]], -0.5, 0.5)
        cases.append(Case("prelu", tag, {}, {"x": x, "weight": w},
                          lambda a: {"y": F.prelu(a["x"], a["weight"])}))
    return cases


def _softmax_like(op, fn, draw):
    cases = []
    for rank, dim in ((2, 1), (2, 0), (3, -1), (4, 1), (draw.int(1, 4), None)):
        if dim is None:
            dim = draw.int(-rank, rank - 1)
        shape = draw.shape(rank, 1, 6)
        shape[dim] = max(shape[dim], 2)  # a softmax over one element is constant
        x = draw.normal(shape, 2.5)
        tag = f"r{rank}_dim{dim}".replace("-", "m")
        cases.append(Case(op, tag, {"dim": dim}, {"x": x}, lambda a, d=dim: {"y": fn(a["x"], d)}))
    return cases


def softmax(draw):
    return _softmax_like("softmax", torch.softmax, draw)


def log_softmax(draw):
    return _softmax_like("log_softmax", torch.log_softmax, draw)


def linear(draw):
    cases = []
    for tag, n, fan_in, fan_out, bias in (("bias", draw.int(1, 5), draw.int(1, 12), draw.int(1, 12), True),
                                          ("nobias", draw.int(1, 5), draw.int(1, 12), draw.int(1, 12), False),
                                          ("wide", draw.int(2, 4), draw.int(48, 96), draw.int(4, 10), True)):
        inputs = {"x": draw.normal([n, fan_in]), "weight": draw.normal([fan_out, fan_in], fan_in ** -0.5)}
        if bias:
            inputs["bias"] = draw.normal([fan_out], 0.5)
        cases.append(Case("linear", tag, {}, inputs,
                          lambda a: {"y": F.linear(a["x"], a["weight"], a.get("bias"))}))
    return cases


BUILDERS = {
    "linear": linear, "relu": relu, "relu6": relu6, "sigmoid": sigmoid, "tanh": tanh, "hardswish": hardswish,
    "leaky_relu": leaky_relu, "prelu": prelu, "softmax": softmax, "log_softmax": log_softmax,
}
