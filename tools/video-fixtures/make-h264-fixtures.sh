#!/bin/sh
# Writes the small H.264 MP4/MOV test fixtures of vigil.data.video and what ffmpeg decodes from them.
#
# Content: a slow pan and zoom over grace_hopper_512x512.jpg (US Navy photograph, public domain;
# fetched into .cache/data/photos by scripts/fetch-test-data.sh), 160x120, 24 frames at 15 fps.
# 120 is not a multiple of 16, so every stream also exercises the SPS frame cropping (120 of 128 rows).
#
#   baseline.mp4   H.264 Constrained Baseline (CAVLC, I/P only)
#   main.mp4       H.264 Main (CABAC, 2 B-frames with B-pyramid: decode order != presentation order),
#                  "faststart" layout (moov before mdat; the others have mdat first, as ffmpeg writes by default)
#   high.mp4       H.264 High (CABAC, 8x8 transform, B-frames)
#   clip.mov       H.264 Main in a QuickTime MOV ('qt  ' brand)
#   vfr.mp4        H.264 Main, variable frame rate: frame n shown at t = (n*n + 20*n) ms
#   mpeg4.mov      MPEG-4 part 2 video in MOV (not H.264: must be refused)
#   mjpeg.mov      Motion JPEG in MOV (not H.264: must be refused)
#   full_range.mp4 H.264 Main flagged full range (VUI video_full_range_flag = 1, yuvj420p)
#
# For each H.264 fixture X, X.framemd5.csv holds ffmpeg's decoding in presentation order:
#   frame,pts,md5   (pts in the track timescale written in the header line; md5 of the decoded 4:2:0
#                    planes Y then U then V, cropped to 160x120, exactly as `ffmpeg -f framemd5` hashes them)
# and for baseline.mp4 and full_range.mp4 frame 0 converted to rgb24 by ffmpeg's swscale
# (X.frame0.rgb.png), the reference of the YUV -> RGB conversion.
#
# Re-runnable; needs ffmpeg/ffprobe 5.1 (Debian 12). Run from the repository root:
#   sh tools/video-fixtures/make-h264-fixtures.sh
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PHOTO=${VIGIL_DATA_CACHE:-$ROOT/.cache/data}/photos/grace_hopper_512x512.jpg
OUT=$ROOT/vigil-data/src/test/resources/vigil/data/video/h264
mkdir -p "$OUT"
[ -f "$PHOTO" ] || { echo "missing $PHOTO: run scripts/fetch-test-data.sh first" >&2; exit 1; }

FF="ffmpeg -v error -y -nostdin"
# 24 frames: the crop window (320x240 shrinking to 256x192) slides right and down across the photo.
PAN="loop=loop=23:size=1:start=0,setpts=N/15/TB,crop=w='320-64*n/23':h='240-48*n/23':x='40+100*n/23':y='60+80*n/23',scale=160:120:flags=bicubic,format=yuv420p"
X264="-c:v libx264 -preset medium -crf 28 -g 12 -bitexact -map_metadata -1"

$FF -i "$PHOTO" -vf "$PAN" -r 15 -frames:v 24 $X264 -profile:v baseline -video_track_timescale 15360 "$OUT/baseline.mp4"
$FF -i "$PHOTO" -vf "$PAN" -r 15 -frames:v 24 $X264 -profile:v main -bf 2 -x264-params b-pyramid=normal -video_track_timescale 15360 \
    -movflags +faststart "$OUT/main.mp4"
$FF -i "$PHOTO" -vf "$PAN" -r 15 -frames:v 24 $X264 -profile:v high -bf 2 -x264-params 8x8dct=1 -video_track_timescale 15360 "$OUT/high.mp4"
$FF -i "$PHOTO" -vf "$PAN" -r 15 -frames:v 24 $X264 -profile:v main -bf 2 -f mov "$OUT/clip.mov"
# Variable frame rate: frame n at (n*n + 20n) ms, i.e. gaps of 21, 23, 25, ... ms.
$FF -i "$PHOTO" -vf "$PAN,settb=1/1000,setpts='N*N+20*N'" -fps_mode passthrough -enc_time_base:v 1:1000 -frames:v 24 $X264 -profile:v main -bf 2 \
    -video_track_timescale 1000 "$OUT/vfr.mp4"
$FF -i "$PHOTO" -vf "$PAN,format=yuvj420p" -r 15 -frames:v 24 $X264 -profile:v main -bf 0 -color_range pc \
    -video_track_timescale 15360 "$OUT/full_range.mp4"
# Not H.264: three frames each are enough to be recognised and refused.
$FF -i "$PHOTO" -vf "$PAN,scale=64:48" -r 15 -frames:v 3 -c:v mpeg4 -q:v 10 -bitexact -map_metadata -1 -f mov "$OUT/mpeg4.mov"
$FF -i "$PHOTO" -vf "$PAN,scale=64:48,format=yuvj420p" -r 15 -frames:v 3 -c:v mjpeg -q:v 10 -bitexact -map_metadata -1 -f mov "$OUT/mjpeg.mov"

for name in baseline.mp4 main.mp4 high.mp4 clip.mov vfr.mp4 full_range.mp4; do
    f=$OUT/$name
    tb=$(ffprobe -v error -select_streams v:0 -show_entries stream=time_base -of csv=p=0 "$f")
    # The decoder's own planes: yuvj420p for the full-range stream (asking for yuv420p would rescale them).
    pix=$(ffprobe -v error -select_streams v:0 -show_entries stream=pix_fmt -of csv=p=0 "$f")
    # framemd5 lines: stream, dts, pts, duration, size, md5 (in presentation order with passthrough timing).
    {
        echo "# time_base $tb; frame,pts,md5 of $pix Y+U+V as decoded by $(ffmpeg -version | head -1 | cut -d' ' -f1-3)"
        ffprobe -v error -select_streams v:0 -show_entries frame=pts -of compact "$f" | sed -n 's/^frame|pts=\([-0-9]*\).*/\1/p' > "$OUT/.pts"
        $FF -i "$f" -map 0:v:0 -fps_mode passthrough -pix_fmt "$pix" -f framemd5 - | grep -v '^#' \
            | awk -F', *' '{print $6}' > "$OUT/.md5"
        paste -d, "$OUT/.pts" "$OUT/.md5" | awk '{print NR-1 "," $0}'
    } > "$f.framemd5.csv"
    rm -f "$OUT/.pts" "$OUT/.md5"
done
# Frame 0 converted to rgb24 by swscale with nearest-neighbour chroma (each chroma sample shared by its
# 2x2 block of pixels) and accurate rounding: the reference for vigil's BT.601 YUV -> RGB conversion.
# (swscale's default fast path uses coarser lookup tables: up to 3 levels off the exact formula.)
for name in baseline.mp4 full_range.mp4; do
    $FF -i "$OUT/$name" -frames:v 1 -sws_flags neighbor+accurate_rnd+full_chroma_int+bitexact -pix_fmt rgb24 \
        "$OUT/$name.frame0.rgb.png"
done
ls -l "$OUT"
