"""Cases for conv2d, batch_norm2d, the pools and bilinear interpolation (all NCHW)."""
import torch.nn.functional as F

from golden_case import Case


def _pair(a, b=None):
    return [a, a if b is None else b]


# ---- conv2d ---------------------------------------------------------------------------------------

def _conv_case(draw, tag, c_in, c_out, groups, kernel, stride, padding, dilation, bias):
    """x: [N, c_in, H, W], weight: [c_out, c_in/groups, kh, kw] -> y: [N, c_out, Ho, Wo]."""
    hw = []
    for k, p, d in zip(kernel, padding, dilation):
        lowest = max(3, d * (k - 1) + 1 - 2 * p)
        hw.append(draw.int(lowest, max(lowest, 10)))
    n = draw.int(1, 2)
    fan_in = (c_in // groups) * kernel[0] * kernel[1]
    inputs = {"x": draw.normal([n, c_in] + hw),
              "weight": draw.normal([c_out, c_in // groups] + list(kernel), fan_in ** -0.5)}
    if bias:
        inputs["bias"] = draw.normal([c_out], 0.5)
    attrs = {"stride": list(stride), "padding": list(padding), "dilation": list(dilation), "groups": groups}
    return Case("conv2d", tag, attrs, inputs, lambda a: {"y": F.conv2d(
        a["x"], a["weight"], a.get("bias"), tuple(stride), tuple(padding), tuple(dilation), groups)})


def conv2d(draw):
    cases = []
    c = draw.int(1, 4)
    cases.append(_conv_case(draw, "plain", c, draw.int(2, 6), 1, _pair(3), _pair(1), _pair(1), _pair(1), True))
    s = draw.int(1, 2)
    cases.append(_conv_case(draw, "pointwise", draw.int(3, 8), draw.int(3, 10), 1, _pair(1), _pair(s), _pair(0),
                            _pair(1), draw.coin()))
    c, k = draw.int(2, 6), draw.choice([3, 5])
    cases.append(_conv_case(draw, f"depthwise_k{k}", c, c * draw.int(1, 2), c, _pair(k), _pair(draw.int(1, 2)),
                            _pair(k // 2), _pair(1), draw.coin()))
    g = draw.int(2, 3)
    cases.append(_conv_case(draw, f"grouped_g{g}", g * draw.int(1, 3), g * draw.int(1, 3), g,
                            [draw.int(1, 3), draw.int(1, 3)], _pair(1), [draw.int(0, 1), draw.int(0, 1)],
                            _pair(1), True))
    cases.append(_conv_case(draw, "dilated_nobias", draw.int(1, 4), draw.int(1, 5), 1, _pair(3),
                            _pair(draw.int(1, 2)), _pair(draw.int(0, 2)), _pair(2), False))
    # Everything drawn at once: non-square kernels, asymmetric stride, padding and dilation, any groups.
    g = draw.choice([1, 1, 2, 3])
    kernel = [draw.int(1, 4), draw.int(1, 4)]
    dilation = [draw.int(1, 2), draw.int(1, 2)]
    padding = [draw.int(0, (d * (k - 1) + 1) // 2 + 1) for k, d in zip(kernel, dilation)]
    cases.append(_conv_case(draw, "random", g * draw.int(1, 3), g * draw.int(1, 3), g, kernel,
                            [draw.int(1, 3), draw.int(1, 3)], padding, dilation, draw.coin()))
    return cases


# ---- batch_norm2d ---------------------------------------------------------------------------------

def _bn_case(draw, tag, shape, training, momentum, eps):
    c = shape[1]
    # Per-channel offsets and scales, so that normalisation does something; moderate offsets keep the
    # variance well conditioned in float32 whatever formula the engine uses.
    x = draw.normal(shape) * draw.uniform([1, c, 1, 1], 0.5, 2.0) + draw.normal([1, c, 1, 1], 1.0)
    inputs = {"x": x, "weight": draw.uniform([c], 0.5, 1.5), "bias": draw.normal([c], 0.5),
              "running_mean": draw.normal([c], 0.3), "running_var": draw.uniform([c], 0.5, 2.0)}

    def forward(a):
        mean, var = a["running_mean"].detach().clone(), a["running_var"].detach().clone()
        y = F.batch_norm(a["x"], mean, var, a["weight"], a["bias"], training, momentum, eps)
        return {"y": y, "running_mean": mean, "running_var": var} if training else {"y": y}

    return Case("batch_norm2d", tag, {"training": training, "momentum": momentum, "eps": eps}, inputs, forward,
                grads=("x", "weight", "bias"), seeded=("y",))


def batch_norm2d(draw):
    def shape(n_lo=1):
        return [draw.int(n_lo, 3), draw.int(1, 5), draw.int(2, 6), draw.int(2, 6)]

    return [
        _bn_case(draw, "train", shape(2), True, 0.1, 1e-5),
        _bn_case(draw, "train_random", shape(), True, draw.round_float(0.01, 0.5), draw.choice([1e-5, 1e-3])),
        _bn_case(draw, "train_batch1", [1, draw.int(1, 4), draw.int(2, 5), draw.int(2, 5)], True,
                 draw.round_float(0.05, 0.3), 1e-5),
        # Statistics over 4*12*12 = 576 values per channel, the largest reduction of the set. It keeps
        # the default tolerance on measurement: over seeds 1..200 PyTorch's float32 path stays within
        # 1.2e-5 of the float64 reference (under 1/20 of atol + rtol*|b|), checked again per seed.
        _bn_case(draw, "train_large", [4, 2, 12, 12], True, 0.1, 1e-5),
        _bn_case(draw, "eval", shape(), False, 0.1, 1e-5),
        _bn_case(draw, "eval_eps", shape(), False, draw.round_float(0.01, 0.5), 1e-3),
    ]


# ---- pools ----------------------------------------------------------------------------------------

def _pool_geometry(draw, kernel, stride, padding, ceil_mode):
    """Input (H, W) valid for the window; with ceil_mode, one where ceil actually adds an output."""
    while True:
        hw = [draw.int(max(3, k - 2 * p), 11) for k, p in zip(kernel, padding)]
        if not ceil_mode or max(stride) == 1 or any(
                (s + 2 * p - k) % st for s, k, st, p in zip(hw, kernel, stride, padding)):
            return hw


def _pool_case(draw, op, tag, kernel, stride, padding, ceil_mode, count_include_pad=None):
    hw = _pool_geometry(draw, kernel, stride, padding, ceil_mode)
    shape = [draw.int(1, 2), draw.int(1, 3)] + hw
    attrs = {"kernel_size": list(kernel), "stride": list(stride), "padding": list(padding), "ceil_mode": ceil_mode}
    if op == "max_pool2d":
        # Distinct values: a tie inside a window would make the winner (and its gradient) ambiguous.
        return Case(op, tag, attrs, {"x": draw.distinct(shape)}, lambda a: {"y": F.max_pool2d(
            a["x"], tuple(kernel), tuple(stride), tuple(padding), ceil_mode=ceil_mode)})
    attrs["count_include_pad"] = count_include_pad
    return Case(op, tag, attrs, {"x": draw.normal(shape)}, lambda a: {"y": F.avg_pool2d(
        a["x"], tuple(kernel), tuple(stride), tuple(padding), ceil_mode, count_include_pad)})


def _random_window(draw):
    kernel = [draw.int(1, 4), draw.int(1, 4)]
    return kernel, [draw.int(1, 3), draw.int(1, 3)], [draw.int(0, k // 2) for k in kernel]


def max_pool2d(draw):
    kernel, stride, padding = _random_window(draw)
    return [
        _pool_case(draw, "max_pool2d", "k3s2p1", _pair(3), _pair(2), _pair(1), False),
        _pool_case(draw, "max_pool2d", "k2s2_ceil", _pair(2), _pair(2), _pair(0), True),
        _pool_case(draw, "max_pool2d", "k3s2p1_ceil", _pair(3), _pair(2), _pair(1), True),
        _pool_case(draw, "max_pool2d", "k3s1p1_overlap", _pair(3), _pair(1), _pair(1), False),
        _pool_case(draw, "max_pool2d", "random", kernel, stride, padding, draw.coin()),
    ]


def avg_pool2d(draw):
    kernel, stride, padding = _random_window(draw)
    cases = []
    for ceil_mode in (False, True):
        for include in (True, False):
            tag = "k3s2p1" + ("_ceil" if ceil_mode else "") + ("_withpad" if include else "_nopad")
            cases.append(_pool_case(draw, "avg_pool2d", tag, _pair(3), _pair(2), _pair(1), ceil_mode, include))
    cases.append(_pool_case(draw, "avg_pool2d", "random", kernel, stride, padding, draw.coin(), draw.coin()))
    return cases


def adaptive_avg_pool2d(draw):
    cases = []
    h, w = draw.int(5, 11), draw.int(5, 11)
    # Output sizes that do not divide the input give overlapping windows of unequal size.
    sizes = [("global", h, w, [1, 1]),
             ("uneven", h, w, [next(o for o in range(3, h) if h % o), next(o for o in range(3, w) if w % o)]),
             ("larger", draw.int(2, 4), w, None),
             ("random", draw.int(2, 9), draw.int(2, 9), None)]
    for tag, hi, wi, out in sizes:
        if out is None and tag == "larger":
            out = [hi + draw.int(1, 3), draw.int(2, wi - 1)]
        elif out is None:
            out = [draw.int(1, hi + 1), draw.int(1, wi + 1)]
        x = draw.normal([draw.int(1, 2), draw.int(1, 3), hi, wi])
        cases.append(Case("adaptive_avg_pool2d", tag, {"output_size": out}, {"x": x},
                          lambda a, o=tuple(out): {"y": F.adaptive_avg_pool2d(a["x"], o)}))
    return cases


# ---- bilinear interpolation -----------------------------------------------------------------------

def interpolate_bilinear(draw):
    cases = []
    for kind, align in (("up", False), ("up", True), ("down", False), ("down", True), ("row", draw.coin())):
        h, w = draw.int(3, 8), draw.int(3, 8)
        if kind == "up":
            size = [h + draw.int(1, 7), w + draw.int(1, 7)]
        elif kind == "down":
            h, w = h + 4, w + 4
            size = [draw.int(1, h - 1), draw.int(2, w - 1)]
        else:
            # One output row (the degenerate scale) and the other dimension resized either way.
            size = [1, draw.choice([draw.int(2, w - 1), w + draw.int(1, 5)])]
        tag = kind + ("_aligned" if align else "")
        x = draw.normal([draw.int(1, 2), draw.int(1, 3), h, w])
        cases.append(Case("interpolate_bilinear", tag, {"size": size, "align_corners": align}, {"x": x},
                          lambda a, s=tuple(size), al=align: {"y": F.interpolate(
                              a["x"], size=s, mode="bilinear", align_corners=al)}))
    return cases


BUILDERS = {
    "conv2d": conv2d, "batch_norm2d": batch_norm2d, "max_pool2d": max_pool2d, "avg_pool2d": avg_pool2d,
    "adaptive_avg_pool2d": adaptive_avg_pool2d, "interpolate_bilinear": interpolate_bilinear,
}
