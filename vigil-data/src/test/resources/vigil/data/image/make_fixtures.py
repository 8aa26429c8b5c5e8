"""Writes the fixtures OpenCvResizeTest and ImageDecoderTest read, from OpenCV 4.6 (Debian's python3-opencv).

resize_cases.txt  one line per case: srcW srcH seed dstW dstH sha256, where sha256 is of the bytes
                  cv2.resize(src, (dstW, dstH), interpolation=cv2.INTER_LINEAR) returns for the
                  3-channel uint8 source that pattern(srcW, srcH, seed) describes (the same formula
                  is in OpenCvResizeTest, so the large sources need not be committed).
decode/*          small images in every variant the decoder converts (JPEG subsamplings, progressive,
                  grey, EXIF orientations; PNG grey/alpha/palette/1-2-4-16 bit/eXIf; BMP 1/8/24/32 bit;
                  GIF), written with Pillow and OpenCV.
decode_cases.txt  one line per image: file width height sha256 of the BGR bytes cv2.imread(file) gives
                  (IMREAD_COLOR, EXIF orientation applied). OpenCV 4.6 cannot read GIF; for it the
                  reference is Pillow's palette expansion, marked with source 'pillow'.
Also prints the cv2 hashes of the shared sample photos and their detector-size resize, which the
tests state literally.
Run with Debian's python: /usr/bin/python3 make_fixtures.py  (from this directory)
"""
import hashlib
import math
import os
import struct
import zlib

import cv2
import numpy as np
from PIL import Image

MASK = 0xFFFFFFFF

RESIZE_CASES = [
    # (srcW, srcH, dstW, dstH): the brief's sizes, the detector rule on 640x480 and 480x640,
    # exact halving (OpenCV routes it through INTER_AREA), exact doubling, an unchanged axis,
    # one-pixel and tiny sources, integer and mixed ratios.
    (7, 5, 3, 4), (100, 80, 80, 80), (80, 80, 192, 144), (501, 333, 80, 80), (23, 31, 80, 80),
    (640, 480, 221, 166), (480, 640, 166, 221), (640, 480, 320, 240), (13, 9, 26, 18),
    (80, 80, 80, 60), (1, 1, 5, 3), (1, 7, 3, 2), (2, 2, 80, 80), (300, 200, 100, 50),
    (97, 61, 211, 17), (1000, 10, 7, 3), (5, 5, 5, 5),
]


def pattern(w, h, seed):
    """H x W x 3 uint8 noise with about 1/8 of the values forced to 255 and 1/16 to 0 (saturation edges).

    Mirrors OpenCvResizeTest.pattern: a 32-bit integer hash of the HWC index and the seed.
    """
    i = np.arange(w * h * 3, dtype=np.uint64)
    x = (i * 0x9E3779B1 + seed * 0x7F4A7C15 + 0x632BE5AB) & MASK
    x ^= x >> 16
    x = (x * 0x85EBCA6B) & MASK
    x ^= x >> 13
    x = (x * 0xC2B2AE35) & MASK
    x ^= x >> 16
    v = x & 0xFF
    sel = (x >> 8) & 15
    v = np.where(sel < 2, 255, np.where(sel == 2, 0, v))
    return v.astype(np.uint8).reshape(h, w, 3)


def sha(a):
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()


def write_resize_cases():
    lines = []
    for n, (sw, sh, dw, dh) in enumerate(RESIZE_CASES):
        seed = n + 1
        out = cv2.resize(pattern(sw, sh, seed), (dw, dh), interpolation=cv2.INTER_LINEAR)
        lines.append(f"{sw} {sh} {seed} {dw} {dh} {sha(out)}\n")
    with open("resize_cases.txt", "w") as f:
        f.writelines(lines)


def smooth(w, h, rng):
    """A gradient with mild noise: compresses like a photo, so the JPEG fixtures stay small."""
    y, x = np.mgrid[0:h, 0:w]
    a = np.stack([x * 255 // max(w - 1, 1), y * 255 // max(h - 1, 1), (x + y) * 7 % 256], -1).astype(np.int32)
    a += rng.integers(-20, 21, a.shape)
    return np.clip(a, 0, 255).astype(np.uint8)


def write_low_depth_grey_png(path, grey8, depth):
    """A grey PNG of bit depth 2 or 4 (Pillow writes only 1 or 8): the top bits of each value, packed MSB first."""
    h, w = grey8.shape
    levels = grey8 >> (8 - depth)
    per_byte = 8 // depth
    raw = b""
    for row in levels:
        padded = list(row) + [0] * (-len(row) % per_byte)
        packed = bytes(sum(int(v) << (8 - depth * (k + 1)) for k, v in enumerate(padded[i:i + per_byte]))
                       for i in range(0, len(padded), per_byte))
        raw += b"\x00" + packed

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & MASK)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def exif_with_orientation(o):
    exif = Image.Exif()
    exif[0x0112] = o
    return exif.tobytes()


def write_decode_fixtures():
    os.makedirs("decode", exist_ok=True)
    rng = np.random.default_rng(20240604)
    w, h = 13, 7
    rgb = smooth(w, h, rng)
    im = Image.fromarray(rgb)
    rgba = Image.fromarray(np.concatenate([rgb, rng.integers(0, 256, (h, w, 1), dtype=np.uint8)], -1))
    palette = im.convert("P", palette=Image.ADAPTIVE, colors=37)
    grey = im.convert("L")
    files = []

    def save(image, name, **kw):
        image.save("decode/" + name, **kw)
        files.append(name)

    save(im, "rgb_420.jpg", quality=90, subsampling=2)
    save(im, "rgb_422.jpg", quality=90, subsampling=1)
    save(im, "rgb_444.jpg", quality=90, subsampling=0)
    save(Image.fromarray(smooth(17, 33, rng)), "rgb_progressive.jpg", quality=85, progressive=True)
    save(grey, "grey.jpg", quality=90)
    for o in range(2, 9):
        save(im, f"orientation_{o}.jpg", quality=90, exif=exif_with_orientation(o))
    save(im, "orientation_6.png", exif=exif_with_orientation(6))
    save(im, "rgb.png")
    save(rgba, "rgba.png")
    save(grey, "grey.png")
    save(im.convert("LA"), "grey_alpha.png")
    save(palette, "palette.png")
    save(palette, "palette_transparent.png", transparency=3)
    save(im.convert("1"), "bits1.png")
    for depth in (2, 4):
        write_low_depth_grey_png(f"decode/bits{depth}.png", np.array(grey), depth)
        files.append(f"bits{depth}.png")
    save(palette.quantize(colors=11), "palette4.png", bits=4)
    for name, a in [("grey16.png", rng.integers(0, 65536, (h, w), dtype=np.uint16)),
                    ("rgb16.png", rng.integers(0, 65536, (h, w, 3), dtype=np.uint16)),
                    ("rgba16.png", rng.integers(0, 65536, (h, w, 4), dtype=np.uint16))]:
        cv2.imwrite("decode/" + name, a)
        files.append(name)
    cv2.imwrite("decode/rgb24.bmp", rgb[..., ::-1].copy())
    files.append("rgb24.bmp")
    save(palette, "palette8.bmp")
    save(im.convert("1"), "bits1.bmp")
    save(rgba, "rgba32.bmp")
    save(palette, "palette.gif")
    # An XMP APP1 ahead of the Exif one: OpenCV 4.6 reads only the first APP1, so no rotation.
    data = open("decode/orientation_6.jpg", "rb").read()
    at = data.find(b"\xff\xe1")
    xmp = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta/>"
    with open("decode/xmp_before_exif.jpg", "wb") as f:
        f.write(data[:at] + b"\xff\xe1" + struct.pack(">H", len(xmp) + 2) + xmp + data[at:])
    files.append("xmp_before_exif.jpg")

    lines = []
    for name in files:
        bgr = cv2.imread("decode/" + name)
        source = "opencv"
        if bgr is None:
            assert name.endswith(".gif"), name  # OpenCV 4.6 has no GIF decoder
            bgr = np.array(Image.open("decode/" + name).convert("RGB"))[..., ::-1]
            source = "pillow"
        lines.append(f"{name} {bgr.shape[1]} {bgr.shape[0]} {source} {sha(bgr)}\n")
    with open("decode_cases.txt", "w") as f:
        f.writelines(lines)


def print_shared_photo_hashes():
    shared = os.environ.get("VIGIL_SHARED", "../../../../../../../../shared")
    for name in ["image_F1.jpg", "image_F2.jpg", "image_T1.jpg"]:
        img = cv2.imread(os.path.join(shared, "images/silent-face", name))
        h, w = img.shape[:2]
        size = (int(192 * math.sqrt(w / h)), int(192 / math.sqrt(w / h)))
        small = cv2.resize(img, size, interpolation=cv2.INTER_LINEAR)
        print(name, f"{w}x{h}", sha(img), f"detector {size[0]}x{size[1]}", sha(small))


def main():
    write_resize_cases()
    write_decode_fixtures()
    print_shared_photo_hashes()


if __name__ == "__main__":
    main()
