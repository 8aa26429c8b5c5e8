#!/usr/bin/env bash
# The project's test command: fetch test data, build and run every module's tests, then the
# conformance suites through the real command line (the shared PyTorch cases, the project's own,
# and, where Debian's python3-torch is installed, a fresh set drawn with a seed of this commit).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/java-home.sh
./scripts/fetch-test-data.sh
mvn -B -q verify
./vigil conformance ../shared/goldens/engine
./vigil conformance vigil-tensor/src/test/resources/goldens/engine
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  seed=$(( 16#$(git rev-parse --short=6 HEAD 2>/dev/null || echo 2a) ))
  fresh="$(mktemp -d)"
  trap 'rm -rf "$fresh"' EXIT
  echo "test: fresh golden cases from PyTorch with seed $seed"
  /usr/bin/python3 tools/goldens/make_engine_goldens.py --seed "$seed" --out "$fresh" >/dev/null
  ./vigil conformance "$fresh"
else
  echo "test: python3-torch not installed; fresh-seed conformance not run (apt-get install python3-torch)"
fi
