"""Cases for the losses and for fake quantization."""
import torch
import torch.nn.functional as F

from golden_case import Case

REDUCTIONS = ("mean", "sum", "none")

# A loss whose derivative jumps (l1 at x == target, smooth_l1 at |x - target| == beta) is evaluated
# only where the difference is this far from the jump.
KINK_MARGIN = 1e-3

# Fake quantization rounds x / scale to the nearest integer, ties to even. PyTorch computes
# x * float32(1 / scale); an engine may divide; both round |x / scale| <= ~600 to within ~2e-4 of
# each other. Values are therefore kept 1e-3 (in units of the step) away from a .5 tie, except in
# the one case built of exact ties on purpose (a power-of-two scale makes them representable).
TIE_MARGIN = 1e-3


def _loss_shape(draw):
    return draw.shape(draw.int(1, 3), 1, 7)


# ---- classification -------------------------------------------------------------------------------

def cross_entropy(draw):
    cases = []
    variants = [("mean", 0.0, False), ("sum", 0.0, False), ("none", 0.0, False),
                ("mean", draw.round_float(0.05, 0.3), False), ("mean", 0.0, True),
                (draw.choice(REDUCTIONS), draw.round_float(0.05, 0.3), True)]
    for reduction, smoothing, weighted in variants:
        n, c = draw.int(2, 8), draw.int(2, 10)
        inputs = {"logits": draw.normal([n, c], 2.0), "target": draw.labels([n], c)}
        attrs = {"reduction": reduction}
        tag = reduction
        if smoothing:
            attrs["label_smoothing"] = smoothing
            tag += "_smoothing"
        if weighted:
            inputs["weight"] = draw.uniform([c], 0.2, 2.0)  # class weights: a constant, no gradient
            tag += "_weight"
        cases.append(Case("cross_entropy", tag, attrs, inputs, lambda a, r=reduction, s=smoothing: {
            "loss": F.cross_entropy(a["logits"], a["target"], weight=a.get("weight"), reduction=r,
                                    label_smoothing=s)}, grads=("logits",)))
    return cases


def bce_with_logits(draw):
    cases = []
    for reduction, hard in (("mean", False), ("sum", False), ("none", False), ("mean", True)):
        shape = _loss_shape(draw)
        target = draw.labels(shape, 2).float() if hard else draw.uniform(shape, 0.0, 1.0)
        # PyTorch differentiates this loss with respect to the target too: both get a gradient.
        cases.append(Case("bce_with_logits", reduction + ("_hard" if hard else ""), {"reduction": reduction},
                          {"logits": draw.normal(shape, 2.0), "target": target},
                          lambda a, r=reduction: {"loss": F.binary_cross_entropy_with_logits(
                              a["logits"], a["target"], reduction=r)}))
    return cases


# ---- regression -----------------------------------------------------------------------------------

def _regression_inputs(draw, kinks):
    """x and target whose difference keeps KINK_MARGIN away from each kink of the loss."""
    shape = _loss_shape(draw)
    x = draw.normal(shape, 1.5)
    diff = draw.keep_away(draw.normal(shape, 1.5), kinks, KINK_MARGIN)
    return {"x": x, "target": (x.double() - diff.double()).float()}


def _regression(op, fn, draw, kinks):
    return [Case(op, r, {"reduction": r}, _regression_inputs(draw, kinks),
                 lambda a, r=r: {"loss": fn(a["x"], a["target"], reduction=r)}) for r in REDUCTIONS]


def mse_loss(draw):
    return _regression("mse_loss", F.mse_loss, draw, ())


def l1_loss(draw):
    return _regression("l1_loss", F.l1_loss, draw, (0.0,))


def smooth_l1_loss(draw):
    cases = []
    for reduction, beta in (("mean", 1.0), ("sum", 0.5), ("none", draw.round_float(0.1, 2.0, 2)),
                            (draw.choice(REDUCTIONS), draw.round_float(0.1, 2.0, 2))):
        inputs = _regression_inputs(draw, (beta, -beta))
        tag = f"{reduction}_beta{beta:g}".replace(".", "p")
        cases.append(Case("smooth_l1_loss", tag, {"reduction": reduction, "beta": beta}, inputs,
                          lambda a, r=reduction, b=beta: {"loss": F.smooth_l1_loss(
                              a["x"], a["target"], reduction=r, beta=b)}))
    return cases


# ---- fake quantization ----------------------------------------------------------------------------

def _clear_of_ties(x, scale):
    """x with every x / scale that lies within TIE_MARGIN of a .5 tie moved 0.01 steps below it."""
    v = x.double() / scale.double()
    tie = torch.floor(v) + 0.5
    near = (v - tie).abs() < TIE_MARGIN
    return torch.where(near, ((tie - 0.01) * scale.double()).float(), x)


def _spread(draw, shape, scale, zero_point, quant_min, quant_max):
    """Values covering the representable range [scale*(qmin-zp), scale*(qmax-zp)] and some way past
    both ends (clamped, zero gradient)."""
    lo = (quant_min - zero_point) * scale
    hi = (quant_max - zero_point) * scale
    centre, half = (lo + hi) / 2, (hi - lo) / 2
    return (draw.uniform(shape, -1.3, 1.3).double() * half + centre).float()


def fake_quantize_per_tensor(draw):
    cases = []
    for tag, qmin, qmax in (("uint8", 0, 255), ("int8", -128, 127), ("uint4", 0, 15)):
        scale = draw.round_float(0.01, 0.05, 4)
        zero_point = draw.int(qmin, qmax) if qmin == 0 else draw.int(-8, 8)
        shape = draw.shape(draw.int(1, 2), 2, 5) + [4]
        x = _clear_of_ties(_spread(draw, shape, scale, zero_point, qmin, qmax), torch.tensor(scale))
        cases.append(_fq_tensor_case(tag, x, scale, zero_point, qmin, qmax))
    # Exact ties k + 0.5 steps, representable because the scale is a power of two: PyTorch rounds
    # them half to even (std::nearbyint), so an engine using Math.round would fail here.
    scale, zero_point = 0.25, draw.int(-5, 5)
    k = draw.labels([draw.int(12, 30)], 200) - 100
    x = ((k.double() + 0.5) * scale).float()
    cases.append(_fq_tensor_case("ties", x, scale, zero_point, -128, 127))
    return cases


def _fq_tensor_case(tag, x, scale, zero_point, quant_min, quant_max):
    attrs = {"scale": scale, "zero_point": zero_point, "quant_min": quant_min, "quant_max": quant_max}
    return Case("fake_quantize_per_tensor", tag, attrs, {"x": x},
                lambda a: {"y": torch.fake_quantize_per_tensor_affine(a["x"], scale, zero_point, quant_min,
                                                                      quant_max)},
                float32_only=True)


def fake_quantize_per_channel(draw):
    cases = []
    for tag, rank, axis, qmin, qmax in (("nchw_axis1_int8", 4, 1, -128, 127), ("weight_axis0_sym", 2, 0, -127, 127),
                                        ("last_axis_uint8", 3, -1, 0, 255)):
        shape = draw.shape(rank, 2, 6)
        axis = axis % rank
        channels = shape[axis]
        scale = draw.uniform([channels], 0.01, 0.1)
        if qmin == 0:
            zero_point = draw.labels([channels], 256)
        elif qmin == -127:
            zero_point = torch.zeros(channels, dtype=torch.int64)
        else:
            zero_point = draw.labels([channels], 21) - 10
        view = [1] * rank
        view[axis] = channels
        s, z = scale.double().reshape(view), zero_point.double().reshape(view)
        x = (draw.uniform(shape, -1.3, 1.3).double() * (qmax - qmin) / 2 + ((qmin + qmax) / 2 - z)) * s
        x = _clear_of_ties(x.float(), s)
        attrs = {"axis": axis, "quant_min": qmin, "quant_max": qmax}
        cases.append(Case("fake_quantize_per_channel", tag, attrs, {"x": x, "scale": scale, "zero_point": zero_point},
                          lambda a, ax=axis, lo=qmin, hi=qmax: {"y": torch.fake_quantize_per_channel_affine(
                              a["x"], a["scale"], a["zero_point"].to(torch.int32), ax, lo, hi)},
                          grads=("x",), float32_only=True))
    return cases


BUILDERS = {
    "cross_entropy": cross_entropy, "bce_with_logits": bce_with_logits, "mse_loss": mse_loss, "l1_loss": l1_loss,
    "smooth_l1_loss": smooth_l1_loss, "fake_quantize_per_tensor": fake_quantize_per_tensor,
    "fake_quantize_per_channel": fake_quantize_per_channel,
}
