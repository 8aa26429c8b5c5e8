#!/usr/bin/env bash
# Fetches the real datasets the tests and examples use into .cache/data (or $VIGIL_DATA_CACHE),
# from Debian's packages (apt-get download + dpkg -x, never installed), verifying SHA-256.
# Re-runnable: files already present with the right checksum are kept.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${VIGIL_DATA_CACHE:-$ROOT/.cache/data}"
mkdir -p "$CACHE"

# name|debian package|path inside the package|sha256
FILES=(
  "fashion-mnist/train-images-idx3-ubyte.gz|dataset-fashion-mnist|usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz|b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"
  "fashion-mnist/train-labels-idx1-ubyte.gz|dataset-fashion-mnist|usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz|0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"
  "fashion-mnist/t10k-images-idx3-ubyte.gz|dataset-fashion-mnist|usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz|cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"
  "fashion-mnist/t10k-labels-idx1-ubyte.gz|dataset-fashion-mnist|usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz|8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"
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
