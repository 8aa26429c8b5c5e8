"""Writes the small checkpoints PthReaderTest reads, in both torch.save formats.

views.pth / views_legacy.pth: tensors that are views of one storage (torch.save keeps the whole
storage and records offset, sizes and strides), plus 0-d tensors.
dtypes.pth: one tensor per storage type the reader converts.
Values are small multiples of 0.25, exact in every float type, so tests can state them literally.
Run with Debian's torch (1.13): /usr/bin/python3 make_fixtures.py  (from this directory)
"""
import collections

import torch


def views():
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4) * 0.25 - 1.0
    state = collections.OrderedDict()
    state["base"] = base                        # [3, 4], strides (4, 1)
    state["transposed"] = base.t()              # [4, 3], strides (1, 4)
    state["tail"] = base[1:]                    # [2, 4], storage offset 4
    state["column"] = base[:, 2]                # [3], stride 4, offset 2
    state["expanded"] = base[0, 1:2].expand(2, 3)   # [2, 3], strides (0, 0), offset 1
    state["scalar"] = torch.tensor(2.5)         # []
    state["steps"] = torch.tensor(92385)        # [] int64, like num_batches_tracked
    return state


def dtypes():
    values = [-1.5, 0.0, 0.25, 3.0]
    state = collections.OrderedDict()
    state["f32"] = torch.tensor(values, dtype=torch.float32)
    state["f64"] = torch.tensor(values, dtype=torch.float64)
    state["f16"] = torch.tensor(values, dtype=torch.float16)
    state["bf16"] = torch.tensor(values, dtype=torch.bfloat16)
    state["i64"] = torch.tensor([-(2 ** 40), -1, 0, 7], dtype=torch.int64)
    state["i32"] = torch.tensor([-(2 ** 30), -1, 0, 7], dtype=torch.int32)
    state["i16"] = torch.tensor([-300, -1, 0, 7], dtype=torch.int16)
    state["i8"] = torch.tensor([-128, -1, 0, 127], dtype=torch.int8)
    state["u8"] = torch.tensor([0, 1, 128, 255], dtype=torch.uint8)
    state["bool"] = torch.tensor([True, False, False, True])
    return state


def main():
    torch.save(views(), "views.pth")
    torch.save(views(), "views_legacy.pth", _use_new_zipfile_serialization=False)
    torch.save(dtypes(), "dtypes.pth")


if __name__ == "__main__":
    main()
