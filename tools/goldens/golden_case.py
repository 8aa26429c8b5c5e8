"""One golden case before it is run, and the seeded source of its shapes, attributes and values."""
import hashlib
import random
from dataclasses import dataclass
from typing import Callable, Optional

import torch

# The tolerance of the shared example cases; families that need more say why where they set it.
DEFAULT_ATOL = 1e-4
DEFAULT_RTOL = 1e-4


@dataclass
class Case:
    op: str
    tag: str  # what the case exercises, part of its file name
    attrs: dict
    inputs: dict  # name -> float32 or int64 tensor, PyTorch names and layouts, in file order
    # inputs (converted to the compute dtype, gradient inputs as leaves) -> ordered outputs
    forward: Callable[[dict], dict]
    grads: Optional[tuple] = None  # inputs that take a gradient; None: every float input
    seeded: Optional[tuple] = None  # outputs that enter the loss; None: every output
    atol: float = DEFAULT_ATOL
    rtol: float = DEFAULT_RTOL
    # PyTorch computes the op in float32 only (fake quantization): the reference is float32 too.
    float32_only: bool = False

    def grad_names(self):
        if self.grads is not None:
            return tuple(self.grads)
        return tuple(k for k, t in self.inputs.items() if t.is_floating_point())


def _derive(seed, op):
    digest = hashlib.sha256(f"vigil-goldens/{seed}/{op}".encode()).digest()
    return int.from_bytes(digest[:8], "little"), int.from_bytes(digest[8:16], "little") >> 1


class Draw:
    """Seeded randomness for one op's cases: one stream per (seed, op), so that generating a subset
    of ops (--ops) writes the same bytes for those ops as the full run."""

    def __init__(self, seed, op):
        py_seed, torch_seed = _derive(seed, op)
        self.rng = random.Random(py_seed)
        self.gen = torch.Generator().manual_seed(torch_seed)

    def int(self, lo, hi):
        """Uniform integer in [lo, hi]."""
        return self.rng.randint(lo, hi)

    def choice(self, options):
        return self.rng.choice(list(options))

    def coin(self):
        return self.rng.random() < 0.5

    def round_float(self, lo, hi, digits=3):
        """A float attribute with few digits, so that its JSON text is short and exact enough."""
        return round(self.rng.uniform(lo, hi), digits)

    def shape(self, rank, lo=1, hi=6):
        return [self.int(lo, hi) for _ in range(rank)]

    def normal(self, shape, scale=1.0, shift=0.0):
        return (torch.randn(shape, generator=self.gen, dtype=torch.float64) * scale + shift).float()

    def uniform(self, shape, lo, hi):
        return (torch.rand(shape, generator=self.gen, dtype=torch.float64) * (hi - lo) + lo).float()

    def distinct(self, shape, spread=4.0):
        """Pairwise distinct values in [-spread/2, spread/2), spaced at least spread/numel apart, so that
        a max over any window has a unique winner."""
        n = 1
        for d in shape:
            n *= d
        perm = torch.randperm(n, generator=self.gen, dtype=torch.float64)
        return ((perm / n - 0.5) * spread).float().reshape(shape)

    def labels(self, shape, classes):
        return torch.randint(0, classes, shape, generator=self.gen, dtype=torch.int64)

    def keep_away(self, x, kinks, margin):
        """x with every element within margin of one of the kinks moved 2*margin away from it, so
        that a finite-precision engine cannot land on the other side of a non-differentiable point."""
        x = x.clone()
        for k in kinks:
            near = (x.double() - k).abs() < margin
            x[near] = (torch.where(x[near].double() >= k, k + 2 * margin, k - 2 * margin)).float()
        return x
