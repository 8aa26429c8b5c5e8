"""Cases for rnn, gru and lstm, with PyTorch's parameter names and gate order.

The forward is the same kernel nn.RNN / nn.GRU / nn.LSTM call (torch._VF), fed the case's tensors
directly, so that the gradients land on the case inputs without copying them into a module.
"""
from torch import _VF

from golden_case import Case

GATES = {"rnn": 1, "gru": 3, "lstm": 4}

# Long sequences (the T = 32 cases) keep the default tolerance, on measurement: backpropagation
# through T steps chains T rounding errors into every gradient, yet over seeds 1..200 PyTorch's
# float32 path stays within 4e-6 of the float64 reference at T = 32 (under 1/100 of atol + rtol*|b|).
# An engine that orders the per-step sums differently makes errors of that same order, so 1e-4
# still leaves it more than 25x room; the generator's HEADROOM check re-asserts this for every seed.
LONG_SEQUENCE = 32


def _param_names(num_layers, bidirectional):
    names = []
    for layer in range(num_layers):
        for suffix in ("", "_reverse") if bidirectional else ("",):
            names += [f"{kind}_l{layer}{suffix}" for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
    return names


def _recurrent_case(draw, op, tag, num_layers, bidirectional, batch_first, nonlinearity=None, steps=None):
    dirs = 2 if bidirectional else 1
    # Bigger stacks get narrower layers, keeping every case small.
    hidden = draw.int(2, {1: 7, 2: 5}.get(num_layers * dirs, 4))
    features = draw.int(1, 6 if num_layers * dirs <= 2 else 4)
    batch = draw.int(1, 3)
    steps = steps or draw.int(2, 8)
    x = draw.normal([batch, steps, features] if batch_first else [steps, batch, features])
    inputs = {"x": x, "h0": draw.normal([num_layers * dirs, batch, hidden], 0.5)}
    if op == "lstm":
        inputs["c0"] = draw.normal([num_layers * dirs, batch, hidden], 0.5)
    bound = hidden ** -0.5  # PyTorch's default init range, so that the recurrence neither dies nor explodes
    rows = GATES[op] * hidden
    names = _param_names(num_layers, bidirectional)
    for name in names:
        layer_in = features if "_l0" in name else hidden * dirs
        if name.startswith("weight_ih"):
            shape = [rows, layer_in]
        elif name.startswith("weight_hh"):
            shape = [rows, hidden]
        else:
            shape = [rows]
        inputs[name] = draw.uniform(shape, -bound, bound)

    attrs = {"hidden_size": hidden, "num_layers": num_layers, "batch_first": batch_first,
             "bidirectional": bidirectional}
    if op == "rnn":
        attrs["nonlinearity"] = nonlinearity

    def forward(a):
        params = [a[n] for n in names]
        if op == "lstm":
            y, h_n, c_n = _VF.lstm(a["x"], (a["h0"], a["c0"]), params, True, num_layers, 0.0, False,
                                   bidirectional, batch_first)
            return {"y": y, "h_n": h_n, "c_n": c_n}
        kernel = _VF.gru if op == "gru" else _VF.rnn_tanh if nonlinearity == "tanh" else _VF.rnn_relu
        y, h_n = kernel(a["x"], a["h0"], params, True, num_layers, 0.0, False, bidirectional, batch_first)
        return {"y": y, "h_n": h_n}

    return Case(op, tag, attrs, inputs, forward)


def _tag(num_layers, bidirectional, batch_first, extra=""):
    return f"l{num_layers}" + ("_bi" if bidirectional else "") + ("_bf" if batch_first else "") + extra


def _configs(draw):
    """(layers, bidirectional, batch_first): the fixed corners, then one drawn whole."""
    fixed = [(1, False, True), (2, True, False), (3, False, draw.coin()), (1, True, draw.coin())]
    return fixed + [(draw.int(1, 3), draw.coin(), draw.coin())]


def rnn(draw):
    cases = []
    for i, (layers, bi, bf) in enumerate(_configs(draw)):
        nl = ("tanh", "relu")[i % 2] if i < 4 else draw.choice(["tanh", "relu"])
        cases.append(_recurrent_case(draw, "rnn", _tag(layers, bi, bf, "_" + nl), layers, bi, bf, nl))
    return cases


def _gated(op, draw):
    cases = [_recurrent_case(draw, op, _tag(layers, bi, bf), layers, bi, bf) for layers, bi, bf in _configs(draw)]
    bf = draw.coin()
    cases.append(_recurrent_case(draw, op, _tag(1, False, bf, f"_t{LONG_SEQUENCE}"), 1, False, bf,
                                 steps=LONG_SEQUENCE))
    return cases


def gru(draw):
    return _gated("gru", draw)


def lstm(draw):
    return _gated("lstm", draw)


BUILDERS = {"rnn": rnn, "gru": gru, "lstm": lstm}
