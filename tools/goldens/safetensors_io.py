"""The safetensors format written and read by hand (Debian ships no safetensors package).

Layout: an 8-byte little-endian header length N, N bytes of UTF-8 JSON padded with spaces to a
multiple of 8, then the raw little-endian tensor bytes in header order. The JSON maps each tensor
name to {"dtype", "shape", "data_offsets"} and "__metadata__" to a string -> string object.
"""
import json
import struct

import numpy as np

# safetensors dtype name -> little-endian numpy dtype; goldens use only these two.
_DTYPES = {"F32": np.dtype("<f4"), "I64": np.dtype("<i8")}


def _dtype_name(array):
    for name, dt in _DTYPES.items():
        if array.dtype == dt:
            return name
    raise ValueError(f"unsupported dtype {array.dtype} (goldens hold F32 and I64 only)")


def encode(tensors, metadata):
    """tensors: ordered name -> numpy array (<f4 or <i8); metadata: str -> str. Returns the file bytes."""
    header = {}
    blobs = []
    offset = 0
    for name, array in tensors.items():
        blob = np.ascontiguousarray(array).tobytes()
        header[name] = {"dtype": _dtype_name(array), "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    for k, v in metadata.items():
        if not isinstance(k, str) or not isinstance(v, str):
            raise ValueError(f"metadata must map strings to strings, got {k!r}: {v!r}")
    header["__metadata__"] = dict(metadata)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def decode(data):
    """The inverse of encode: (ordered name -> numpy array, metadata). Checks every offset."""
    if len(data) < 8:
        raise ValueError("too short for a safetensors header")
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        raise ValueError(f"header length {n} exceeds the file")
    header = json.loads(data[8:8 + n].decode("utf-8"))
    body = data[8 + n:]
    metadata = header.pop("__metadata__", {})
    tensors = {}
    end_max = 0
    for name, info in header.items():
        dt = _DTYPES[info["dtype"]]
        begin, end = info["data_offsets"]
        count = int(np.prod(info["shape"], dtype=np.int64))
        if end - begin != count * dt.itemsize or end > len(body):
            raise ValueError(f"{name}: offsets {begin}..{end} do not hold {info['shape']} {info['dtype']}")
        tensors[name] = np.frombuffer(body[begin:end], dtype=dt).reshape(info["shape"])
        end_max = max(end_max, end)
    if end_max != len(body):
        raise ValueError(f"data section has {len(body)} bytes, tensors use {end_max}")
    return tensors, metadata
