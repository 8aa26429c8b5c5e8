#!/usr/bin/python3
"""Writes the small reference numbers the vigil.data.video tests compare against (never the media).

  kphotoalbum_movie_ffmpeg.csv  per frame of .cache/data/video/kphotoalbum_movie.avi (GPL-2+, fetched by
                                scripts/fetch-test-data.sh): ffmpeg's presentation time and the mean B, G, R
                                of ffmpeg's decoding (bgr24, accurate rounding, full chroma interpolation).
  demo_gif_pillow.csv           per frame of /work/shared/images/silent-face/demo.gif: the time from the summed
                                GIF delays and the mean B, G, R of Pillow's composited frame (convert('RGB')).

Run from the repository root: /usr/bin/python3 tools/video/make_video_fixtures.py
Needs Debian's ffmpeg / ffprobe and python3-pil; numpy for the means.
"""
import os
import subprocess
import sys

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "vigil-data/src/test/resources/vigil/data/video")
AVI = os.path.join(os.environ.get("VIGIL_DATA_CACHE", os.path.join(ROOT, ".cache/data")), "video/kphotoalbum_movie.avi")
GIF = "/work/shared/images/silent-face/demo.gif"


def ffmpeg_frames(path):
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
                            "-of", "csv=p=0", path], check=True, capture_output=True, text=True).stdout.split(",")
    w, h = int(probe[0]), int(probe[1])
    times = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pts_time",
                            "-of", "csv=p=0", path], check=True, capture_output=True, text=True).stdout.split()
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-map", "0:v:0", "-vsync", "passthrough",
                          "-sws_flags", "accurate_rnd+full_chroma_int+bitexact", "-f", "rawvideo", "-pix_fmt", "bgr24",
                          "-"], check=True, capture_output=True).stdout
    frames = np.frombuffer(raw, np.uint8).reshape(-1, h, w, 3)
    assert len(frames) == len(times), (len(frames), len(times))
    return [float(t) for t in times], frames


def write_csv(name, header, rows):
    with open(os.path.join(OUT, name), "w") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    times, frames = ffmpeg_frames(AVI)
    if len(sys.argv) > 1:  # dump raw frames for a one-off pixel-level comparison (not committed)
        frames.tofile(sys.argv[1])
    write_csv("kphotoalbum_movie_ffmpeg.csv", "frame,seconds,mean_b,mean_g,mean_r",
              [[str(i), "%.6f" % t] + ["%.4f" % m for m in f.reshape(-1, 3).mean(0)]
               for i, (t, f) in enumerate(zip(times, frames))])
    gif = Image.open(GIF)
    rows = []
    elapsed = 0
    for i in range(gif.n_frames):
        gif.seek(i)
        rgb = np.asarray(gif.convert("RGB"), np.float64).reshape(-1, 3)
        rows.append([str(i), "%.2f" % (elapsed / 1000.0)] + ["%.4f" % m for m in rgb.mean(0)[::-1]])
        elapsed += gif.info["duration"]
    write_csv("demo_gif_pillow.csv", "frame,seconds,mean_b,mean_g,mean_r", rows)


if __name__ == "__main__":
    main()
