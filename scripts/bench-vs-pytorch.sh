#!/usr/bin/env bash
# Runs the workloads of `vigil bench` in Vigil and in PyTorch (Debian's /usr/bin/python3 with its torch),
# alternating engines workload by workload so both see the same machine load, then prints per workload the
# median over rounds and how many times faster Vigil is than the best of PyTorch on 1 and N threads.
# ONNX Runtime Java (vigil.bench.OrtBenchMain) runs the MiniFASNetV2 inference workloads in the same rounds,
# on 1 and N intra-op threads, on the model tools/bench/export_minifasnet_onnx.py exports from PyTorch
# (opset 13, into vigil-bench/target/onnx); without torch or the ONNX Runtime jar it is skipped, said so.
# Usage: scripts/bench-vs-pytorch.sh [--threads N] [--rounds R] [--only KEY,KEY] [--iterations I]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/java-home.sh"
# Debian's OpenBLAS 0.3.21 does not recognise this VM's CPU model and falls back to a generic kernel
# (measured: 29 GFLOP/s at 1024^3 instead of 183 with the AVX-512 kernel); naming the core gives
# PyTorch its real speed, so the comparison is against the best PyTorch can do here.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -q avx512f /proc/cpuinfo; then
  export OPENBLAS_CORETYPE=SkylakeX
fi
THREADS=2 ROUNDS=3 ONLY="" ITERATIONS=15
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) THREADS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --iterations) ITERATIONS="$2"; shift 2 ;;
    *) echo "bench-vs-pytorch: unknown argument $1" >&2; exit 2 ;;
  esac
done
JAR="$ROOT/vigil-bench/target/vigil-bench.jar"
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && mvn -q -B -DskipTests -pl vigil-bench -am package) >&2
fi
ONLY_ARGS=()
[ -n "$ONLY" ] && ONLY_ARGS=(--only "$ONLY")
TORCH_THREADS=(1)
[ "$THREADS" -gt 1 ] && TORCH_THREADS+=("$THREADS")
RESULTS="$(mktemp)"
ORT_LOG="$(mktemp)"
trap 'rm -f "$RESULTS" "$ORT_LOG"' EXIT
# ONNX Runtime: only for the MiniFASNetV2 inference workloads, only where the model can be exported.
ORT_MODEL="$ROOT/vigil-bench/target/onnx/minifasnet_v2.onnx"
ORT=""
if [ -n "$ONLY" ] && ! grep -q 'minifasnet_v2_infer_b' <<< "$ONLY"; then
  :
elif ! ls "$ROOT"/vigil-bench/target/lib/onnxruntime-*.jar >/dev/null 2>&1; then
  echo "bench-vs-pytorch: ONNX Runtime skipped: no onnxruntime jar in vigil-bench/target/lib (rebuild: mvn -DskipTests -pl vigil-bench -am package)" >&2
elif [ -f "$ORT_MODEL" ] && [ "$ORT_MODEL" -nt "$ROOT/tools/bench/export_minifasnet_onnx.py" ] \
    && [ "$ORT_MODEL" -nt "$ROOT/tools/bench/torch_workloads.py" ]; then
  ORT=yes
elif /usr/bin/python3 "$ROOT/tools/bench/export_minifasnet_onnx.py" --out "$ORT_MODEL" 2>"$ORT_LOG"; then
  ORT=yes
else
  echo "bench-vs-pytorch: ONNX Runtime skipped: the ONNX model could not be exported (needs Debian's python3-torch):" >&2
  tail -3 "$ORT_LOG" >&2
fi
echo "bench-vs-pytorch: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}" >&2
vigil_java() {
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC ${VIGIL_JAVA_OPTS:-} \
    -cp "$JAR:$ROOT/vigil-bench/target/lib/*" vigil.bench.BenchMain "$@"
}
# Vigil runs each workload in a JVM of its own (as JMH forks per benchmark): in one JVM the JIT's profiles
# of shared code carry over from one workload to the next (measured 2026-11-28: MiniFASNetV2 batch-1
# inference 1.6-1.8 ms alone, 2.4-4.0 ms in the same JVM after the SGEMM workload). The engines take turns
# per workload, not per round: each workload runs in Vigil, then PyTorch on 1 and N threads, then ONNX
# Runtime, within a minute or two, so a burst of load from another tenant of this VM (which comes and goes
# over minutes) falls on every engine's run of that workload rather than on one engine's whole round.
# Per round and engine the workloads' lines are merged into one (peak RSS the largest of its processes).
VIGIL_KEYS="${ONLY:-$(vigil_java --list)}"
ROUND_DIR="$(mktemp -d)"
trap 'rm -f "$RESULTS" "$ORT_LOG"; rm -rf "$ROUND_DIR"' EXIT
ort_key() {
  [ -n "$ORT" ] && grep -q 'minifasnet_v2_infer_b' <<< "$1"
}
for round in $(seq "$ROUNDS"); do
  rm -f "$ROUND_DIR"/*
  for key in ${VIGIL_KEYS//,/ }; do
    echo "round $round/$ROUNDS, $key: vigil on $THREADS threads, pytorch on ${TORCH_THREADS[*]}$(ort_key "$key" && echo ", onnxruntime on ${TORCH_THREADS[*]}")" >&2
    vigil_java --threads "$THREADS" --iterations "$ITERATIONS" --only "$key" 2>/dev/null >> "$ROUND_DIR/vigil"
    for t in "${TORCH_THREADS[@]}"; do
      /usr/bin/python3 "$ROOT/tools/bench/torch_workloads.py" --threads "$t" --iterations "$ITERATIONS" \
        --only "$key" 2>/dev/null >> "$ROUND_DIR/torch-$t"
    done
    ort_key "$key" || continue
    for t in "${TORCH_THREADS[@]}"; do
      # A failed run (its agreement check with PyTorch included) is shown and leaves ORT out of the table.
      "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC \
        -cp "$JAR:$ROOT/vigil-bench/target/lib/*" vigil.bench.OrtBenchMain --model "$ORT_MODEL" --threads "$t" \
        --iterations "$ITERATIONS" --only "$key" 2>"$ORT_LOG" >> "$ROUND_DIR/ort-$t" \
        || { echo "bench-vs-pytorch: onnxruntime run failed:" >&2; grep -v '^WARNING' "$ORT_LOG" | tail -5 >&2; }
    done
  done
  for engine in vigil $(for t in "${TORCH_THREADS[@]}"; do echo "torch-$t ort-$t"; done); do
    if [ -s "$ROUND_DIR/$engine" ]; then
      /usr/bin/python3 "$ROOT/tools/bench/merge_runs.py" < "$ROUND_DIR/$engine" >> "$RESULTS"
    fi
  done
done
cat "$RESULTS"
/usr/bin/python3 "$ROOT/tools/bench/compare.py" < "$RESULTS"
