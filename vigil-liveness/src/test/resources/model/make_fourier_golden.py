# Golden for FourierTarget: Silent-Face's Fourier-spectrum target (src/data_io/dataset_folder.py,
# generate_FT then cv2.resize), recomputed with numpy / OpenCV on a real 80x80 face crop.
# Run: /usr/bin/python3 make_fourier_golden.py ../../../../../shared/goldens/silent-face/image_T1_crop_2.7.png > fourier-golden.json
import json
import sys

import cv2
import numpy as np


def spectrum(bgr):
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    f = np.fft.fftshift(np.fft.fft2(grey))
    s = np.log(np.abs(f) + 1)
    return (s - s.min() + 1) / (s.max() - s.min() + 1)


def rounded(a):
    # 10 significant digits keep the file small; the values lie in (0, 1].
    return [float("%.10g" % v) for v in a.ravel()]


def case(name, bgr, out_h, out_w, with_spectrum):
    s = spectrum(bgr)
    small = cv2.resize(s, (out_w, out_h))
    out = {"name": name, "height": bgr.shape[0], "width": bgr.shape[1], "out_height": out_h, "out_width": out_w,
           "target": rounded(small)}
    if with_spectrum:
        out["spectrum"] = rounded(s)
    return out


img = cv2.imread(sys.argv[1])
cases = [case("crop 80x80 -> 10x10", img, 10, 10, False),
         # odd, non-square window: fftshift of odd lengths and an uneven resize
         case("window rows 11..47, cols 5..54 -> 5x7", np.ascontiguousarray(img[11:48, 5:55]), 5, 7, True)]
json.dump({"source": "shared/goldens/silent-face/image_T1_crop_2.7.png", "cases": cases}, sys.stdout)
