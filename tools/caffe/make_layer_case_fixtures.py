#!/usr/bin/python3
"""Runs vigil-io's layer_cases.prototxt through OpenCV 4.6 DNN and writes inputs and outputs.

    /usr/bin/python3 tools/caffe/make_layer_case_fixtures.py [--out DIR]

The prototxt (in the --out directory) holds weightless layers with the parameters the detector's
deploy.prototxt does not use: pooling windows past the padding, eltwise coefficients, partial
permute orders, reshape axes, crop offsets, priors with max sizes, aspect ratios, flips, clipping and
explicit steps, and detection output with several classes, corner coding and per-class locations.
Writes layer_cases.safetensors (float32): every input and every layer's top; a detection output
keeps only its kept rows (OpenCV pads it with zero rows to keep_top_k). Seeded: the same seed
writes the same bytes.
"""
import argparse
import json
import os
import struct

import cv2
import numpy as np

SEED = 20240404
PRIORS = 72        # 3 x 4 feature cells x 6 priors per cell ('priors' layer)
CLASSES = 3


def write_safetensors(path, tensors, metadata):
    header = {}
    blobs = []
    offset = 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = metadata
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--out", default=os.path.join(here, "..", "..", "vigil-io", "src", "test", "resources",
                                                      "caffe"))
    args = parser.parse_args()
    rng = np.random.default_rng(SEED)
    conf = rng.dirichlet(np.full(CLASSES, 0.4), size=PRIORS).astype(np.float32)
    inputs = {
        "x": rng.standard_normal((1, 3, 8, 10)).astype(np.float32),
        "y": rng.standard_normal((1, 3, 8, 10)).astype(np.float32),
        "feat": rng.standard_normal((1, 4, 3, 4)).astype(np.float32),
        "img": rng.standard_normal((1, 3, 30, 40)).astype(np.float32),
        "loc": (0.5 * rng.standard_normal((1, PRIORS * 4))).astype(np.float32),
        "conf": conf.reshape(1, PRIORS * CLASSES),
        "loc_per_class": (0.5 * rng.standard_normal((1, PRIORS * CLASSES * 4))).astype(np.float32),
    }
    net = cv2.dnn.readNetFromCaffe(os.path.join(args.out, "layer_cases.prototxt"))
    for name, value in inputs.items():
        net.setInput(value, name)
    layers = list(net.getLayerNames())
    outputs = dict(zip(layers, net.forward(layers)))
    tensors = dict(inputs)
    for name, out in outputs.items():
        if name.startswith("detections"):
            rows = out.reshape(-1, 7)
            out = rows[rows[:, 2] > 0]
        tensors[name] = out
    path = os.path.join(args.out, "layer_cases.safetensors")
    write_safetensors(path, tensors, {"opencv": cv2.__version__, "seed": str(SEED)})
    for name, value in tensors.items():
        print(f"{name:22s} {list(value.shape)}")


if __name__ == "__main__":
    main()
