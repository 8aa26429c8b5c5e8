#!/usr/bin/env bash
# The project's test command: fetch test data, build, run every module's tests, then the
# conformance suites through the real command line.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/java-home.sh
./scripts/fetch-test-data.sh
mvn -B -q verify
./vigil conformance ../shared/goldens/engine
./vigil conformance vigil-tensor/src/test/resources/goldens/engine
