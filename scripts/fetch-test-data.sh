#!/usr/bin/env bash
# Fetches the real datasets the tests and examples use into .cache/data (or $VIGIL_DATA_CACHE),
# from Debian's packages (apt-get download + dpkg -x, never installed), verifying SHA-256.
# Re-runnable: files already present with the right checksum are kept.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${VIGIL_DATA_CACHE:-$ROOT/.cache/data}"
mkdir -p "$CACHE"

# name|debian package|path inside the package|sha256
# Photos: Grace Hopper (public domain), the astronaut (public domain), kphotoalbum's demo photos and
# webcam clip (GPL-2+: fetched, never committed).
FILES=(
  "fashion-mnist/train-images-idx3-ubyte.gz|dataset-fashion-mnist|usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz|b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"
  "fashion-mnist/train-labels-idx1-ubyte.gz|dataset-fashion-mnist|usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz|0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"
  "fashion-mnist/t10k-images-idx3-ubyte.gz|dataset-fashion-mnist|usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz|cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"
  "fashion-mnist/t10k-labels-idx1-ubyte.gz|dataset-fashion-mnist|usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz|8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"
  "photos/grace_hopper_512x512.jpg|facedetect|usr/share/doc/facedetect/examples/grace_hopper_512x512.jpg|ee9d775343587100337da3bd24f9f9daf49756132362f09ca3ac9b676c4341b3"
  "photos/astronaut.png|python3-skimage|usr/lib/python3/dist-packages/skimage/data/astronaut.png|88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5"
  "video/kphotoalbum_movie.avi|kphotoalbum|usr/share/kphotoalbum/demo/movie.avi|4f5fb4ee2319d3bcb9f0fb46f73cb02e5b271e204e078302e50cb30b4e36960b"
  "photos/kphotoalbum/anne_helene.jpg|kphotoalbum|usr/share/kphotoalbum/demo/anne_helene.jpg|75dea938bf86530e95c6b74dbcc7fb447947fd17d523121634e08f03e0e7304f"
  "photos/kphotoalbum/bar55.jpg|kphotoalbum|usr/share/kphotoalbum/demo/bar55.jpg|dd57f8a93ea84b46d817d3b10d496360b81588da9ea887887d057803cc39c52d"
  "photos/kphotoalbum/bar55_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/bar55_2.jpg|e2a3ebc63306abf0a3ae898edd69fbc0a5cef16f28450ceb1d32c67c6f7b662a"
  "photos/kphotoalbum/blackie.jpg|kphotoalbum|usr/share/kphotoalbum/demo/blackie.jpg|5a72fc60a65448e02e8022820ed5bc15d3e9ce4c92d55d51a7d760357cf704e7"
  "photos/kphotoalbum/cold_water.jpg|kphotoalbum|usr/share/kphotoalbum/demo/cold_water.jpg|1c92d774263012891803360080a03999ffdb4fb643f320d9c106b5a3cbb21306"
  "photos/kphotoalbum/donna.jpg|kphotoalbum|usr/share/kphotoalbum/demo/donna.jpg|c98f91990752bb6dff72bd8bb2820dc28317051c0e60ddf11822a39f076c31da"
  "photos/kphotoalbum/donna_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/donna_2.jpg|b476b81f11db406767598266f81cb8623204c8207f297e4abcf2055366794b5f"
  "photos/kphotoalbum/grand_canyon_1.jpg|kphotoalbum|usr/share/kphotoalbum/demo/grand_canyon_1.jpg|5d60136f1143918c30d5ddf8892216fc401ea126ed01afe1d8b9374cfae43669"
  "photos/kphotoalbum/grand_canyon_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/grand_canyon_2.jpg|7814adbefb9665f506acf5123981c83bb5b22dde12b10ef57083d328a86cbdb6"
  "photos/kphotoalbum/grand_canyon_3.jpg|kphotoalbum|usr/share/kphotoalbum/demo/grand_canyon_3.jpg|923ba3a8d16993388f19686d333d70988f7baf4885865af1729f80bbbd02ffe7"
  "photos/kphotoalbum/jesper.jpg|kphotoalbum|usr/share/kphotoalbum/demo/jesper.jpg|5b3b5a6cdf040c238c137fd50d3f4e3aa3f6877b6f031c93ad9b06c45225b7e6"
  "photos/kphotoalbum/jesper_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/jesper_2.jpg|e7c5112cad4076c0b16f7a822b0bf559859ad84077705442769afb91c81bcb1b"
  "photos/kphotoalbum/new_wave_1.jpg|kphotoalbum|usr/share/kphotoalbum/demo/new_wave_1.jpg|dd422c963594e0441ab66c600a322a0b7259dc4b9db535c9a30010b66ce14200"
  "photos/kphotoalbum/new_wave_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/new_wave_2.jpg|a262d1ec436c0f41495963cbaaf69cb618da0b56a27fa03c0c1e3206e841a261"
  "photos/kphotoalbum/pool.jpg|kphotoalbum|usr/share/kphotoalbum/demo/pool.jpg|c6b1c79236388d3a7608ce1b8702a613f3d62105e36dfebc1fce4efe16e42560"
  "photos/kphotoalbum/pool_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/pool_2.jpg|82f0e4ec1906a55bd25050bbbc91f4af9607c10d38535cc3dbd55522a00a132f"
  "photos/kphotoalbum/qt-logo.jpg|kphotoalbum|usr/share/kphotoalbum/demo/qt-logo.jpg|12f4d580dff54dab5a4b0c81f4f208cdb1d134782c7b23d2f8c8bab09a80d458"
  "photos/kphotoalbum/skagen.jpg|kphotoalbum|usr/share/kphotoalbum/demo/skagen.jpg|d7c724e47d68b9f9483b14a9a21235c2ba6c9b3bffd1be49a344391e4c189760"
  "photos/kphotoalbum/skagen_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/skagen_2.jpg|17ca43c9fb3b60ad27c63e3a418bff2090999e96bd7a9c7f2c46fb58de899a72"
  "photos/kphotoalbum/snow.jpg|kphotoalbum|usr/share/kphotoalbum/demo/snow.jpg|7106574608681e7e3387bdc299663cbce521099e9fbff611decf227ee19e7780"
  "photos/kphotoalbum/spiff.jpg|kphotoalbum|usr/share/kphotoalbum/demo/spiff.jpg|4d222fe255566ab7249db968d28aeed2c1ef5508ea79da870d7a5c5cfa290f78"
  "photos/kphotoalbum/spiff_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/spiff_2.jpg|9bbab84f204329e1def8c39dda58706aaccb4a913ced00c2593b299a971d2a53"
  "photos/kphotoalbum/sunset.jpg|kphotoalbum|usr/share/kphotoalbum/demo/sunset.jpg|da4a44a03272bbaabc9aa384137f2531fe2a7c0075bc761be001c7b4d2eeb4ee"
  "photos/kphotoalbum/wayne.jpg|kphotoalbum|usr/share/kphotoalbum/demo/wayne.jpg|1e5e3880f65a857181ec98b9fb686e1ebfd03fc6808f002d83aefe758eacece1"
)

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

download_package() {
  local pkg="$1" dir="$CACHE/.debs"
  mkdir -p "$dir"
  if ! ls "$dir/${pkg}"_*.deb >/dev/null 2>&1; then
    if ! (cd "$dir" && apt-get download "$pkg" >/dev/null 2>&1); then
      echo "fetch-test-data: apt-get download $pkg failed; updating the package lists once" >&2
      if [ "$(id -u)" = 0 ]; then apt-get update -qq; else sudo apt-get update -qq; fi
      (cd "$dir" && apt-get download "$pkg")
    fi
  fi
  rm -rf "$dir/$pkg.x" && mkdir -p "$dir/$pkg.x"
  dpkg -x "$dir/${pkg}"_*.deb "$dir/$pkg.x"
}

for entry in "${FILES[@]}"; do
  IFS='|' read -r name pkg inner sha <<<"$entry"
  target="$CACHE/$name"
  if sha_ok "$target" "$sha"; then
    continue
  fi
  if [ ! -f "$CACHE/.debs/$pkg.x/$inner" ]; then
    download_package "$pkg"
  fi
  mkdir -p "$(dirname "$target")"
  cp "$CACHE/.debs/$pkg.x/$inner" "$target.tmp"
  if ! sha_ok "$target.tmp" "$sha"; then
    echo "fetch-test-data: checksum mismatch for $name from $pkg (expected $sha)" >&2
    rm -f "$target.tmp"
    exit 1
  fi
  mv "$target.tmp" "$target"
  echo "fetch-test-data: $name ok"
done
rm -rf "$CACHE/.debs"/*.x
echo "fetch-test-data: all files present in $CACHE"
