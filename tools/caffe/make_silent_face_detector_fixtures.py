#!/usr/bin/python3
"""Writes the Caffe-import fixtures for the Silent-Face RetinaFace detector from OpenCV 4.6 DNN.

    /usr/bin/python3 tools/caffe/make_silent_face_detector_fixtures.py [--shared ../shared] [--out DIR]

For each sample image ../shared/images/silent-face/image_{F1,F2,T1}.jpg it writes
detector_<name>.safetensors (float32) holding:
  input                   [1, 3, H, W]  the detector's input blob, preprocessed as the reference
                                         pipeline does it (BGR uint8 from cv2.imread; when w*h >= 192*192,
                                         cv2.resize INTER_LINEAR to (int(192*sqrt(w/h)), int(192/sqrt(w/h)));
                                         minus the mean (104, 117, 123); no scaling; NCHW)
  detection_out           [K, 7]        OpenCV's kept detection rows (its output is padded with zero
                                         rows to keep_top_k; those are dropped here)
  mbox_priorbox           [1, 2, P*4]   the concatenated priors and variances
  mbox_loc                [1, P*4]      the concatenated box regressions
  mbox_conf_softmax       [1, P, 2]     the class probabilities
  <blob>.channel_sum      [C]           per-channel sums (in float64) of a few intermediate blobs
  <blob>.patch            [1, C, 6, 6]  a window of those blobs
The detection run asks OpenCV for 'detection_out' only, as the reference pipeline does; the other
blobs come from a second network instance, since asking for intermediate outputs changes which
layers OpenCV fuses. The metadata holds the image's original size, so a test can turn the top row
into the reference's pixel box.
"""
import argparse
import json
import math
import os
import struct

import cv2
import numpy as np

IMAGES = ["F1", "F2", "T1"]
# OpenCV names outputs by layer; the fixture names them by the layer's top blob.
INTERMEDIATE = {
    "relu1": "relu_blob1",        # first convolution + batch norm + scale + ReLU
    "add1": "add_blob1",          # deconvolution + crop + eltwise sum
    "relu35": "relu_blob35",      # concat of three branches + ReLU
}
PATCH_ROW, PATCH_COL, PATCH = 3, 5, 6


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


def detector_input(image):
    height, width = image.shape[:2]
    aspect = width / height
    if width * height >= 192 * 192:
        image = cv2.resize(image, (int(192 * math.sqrt(aspect)), int(192 / math.sqrt(aspect))),
                           interpolation=cv2.INTER_LINEAR)
    return cv2.dnn.blobFromImage(image, 1, mean=(104, 117, 123))


def main():
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--shared", default=os.path.join(here, "..", "..", "..", "shared"))
    parser.add_argument("--out", default=os.path.join(here, "..", "..", "vigil-io", "src", "test", "resources",
                                                      "caffe"))
    args = parser.parse_args()
    models = os.path.join(args.shared, "models", "silent-face")
    prototxt = os.path.join(models, "deploy.prototxt")
    weights = os.path.join(models, "Widerface-RetinaFace.caffemodel")
    for name in IMAGES:
        image = cv2.imread(os.path.join(args.shared, "images", "silent-face", f"image_{name}.jpg"))
        blob = detector_input(image)

        net = cv2.dnn.readNetFromCaffe(prototxt, weights)
        net.setInput(blob, "data")
        rows = net.forward("detection_out").reshape(-1, 7)
        rows = rows[rows[:, 2] > 0]

        probe = cv2.dnn.readNetFromCaffe(prototxt, weights)
        probe.setInput(blob, "data")
        layers = ["mbox_priorbox", "mbox_loc", "mbox_conf_softmax"] + list(INTERMEDIATE)
        outs = dict(zip(layers, probe.forward(layers)))

        tensors = {"input": blob, "detection_out": rows}
        for layer in ["mbox_priorbox", "mbox_loc", "mbox_conf_softmax"]:
            tensors[layer] = outs[layer]
        for layer, top in INTERMEDIATE.items():
            out = outs[layer]
            tensors[top + ".channel_sum"] = out.astype(np.float64).sum(axis=(0, 2, 3))
            tensors[top + ".patch"] = out[:, :, PATCH_ROW:PATCH_ROW + PATCH, PATCH_COL:PATCH_COL + PATCH]
        metadata = {
            "image": f"image_{name}.jpg",
            "image_width": str(image.shape[1]),
            "image_height": str(image.shape[0]),
            "patch_origin": f"{PATCH_ROW},{PATCH_COL}",
            "opencv": cv2.__version__,
        }
        path = os.path.join(args.out, f"detector_{name}.safetensors")
        write_safetensors(path, tensors, metadata)
        print(path, {k: list(v.shape) for k, v in tensors.items()})
        print("  top row", rows[0].tolist())


if __name__ == "__main__":
    main()
