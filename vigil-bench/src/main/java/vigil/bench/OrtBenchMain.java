package vigil.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ONNX Runtime's side of the side-by-side bench (scripts/bench-vs-pytorch.sh): MiniFASNetV2 inference at
 * batch 1 and 64 on the model of tools/bench/export_minifasnet_onnx.py, timed with the warm-up and median of
 * {@link BenchMain}, printed as one JSON line like torch_workloads.py's:
 * {@code {"engine":"onnxruntime 1.29.0","threads":2,"warmup":5,"iterations":15,
 * "ort_minifasnet_v2_infer_b1_ms":...,"ort_minifasnet_v2_infer_b64_ms":...,"peak_rss_mb":...}}.
 * Before timing, the model must reproduce PyTorch's logits ({@link OrtAgreementCheck}).
 * Usage: {@code OrtBenchMain --model MODEL.onnx [--threads N] [--spinning on|off] [--warmup W] [--iterations I]
 * [--only KEY,...]}; --spinning (default on, ONNX Runtime's default) lets idle intra-op threads spin;
 * --only takes Vigil's keys (minifasnet_v2_infer_b1_ms) or the ort_ ones and ignores the rest, since the
 * script hands every engine the same list; with none of ours in it, nothing runs and nothing is printed.
 */
public final class OrtBenchMain {
    static final String KEY_PREFIX = "ort_";
    static final List<Integer> BATCHES = List.of(1, Workloads.BATCH);

    private OrtBenchMain() {
    }

    /** Vigil's key of MiniFASNetV2 inference at this batch. */
    static String vigilKey(int batch) {
        return "minifasnet_v2_infer_b" + batch + "_ms";
    }

    static String ortKey(int batch) {
        return KEY_PREFIX + vigilKey(batch);
    }

    /** The batches whose Vigil or ort_ key is in only; all of them when only is empty. */
    static List<Integer> selectedBatches(List<String> only) {
        List<Integer> batches = new ArrayList<>();
        for (int batch : BATCHES) {
            if (only.isEmpty() || only.contains(vigilKey(batch)) || only.contains(ortKey(batch))) {
                batches.add(batch);
            }
        }
        return batches;
    }

    public static void main(String[] args) throws IOException {
        Path model = null;
        int threads = 1;
        boolean spinning = true;
        int warmup = BenchMain.DEFAULT_WARMUP;
        int iterations = BenchMain.DEFAULT_ITERATIONS;
        List<String> only = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(value(args, ++i));
                case "--threads" -> threads = Integer.parseInt(value(args, ++i));
                case "--spinning" -> spinning = onOff(value(args, ++i));
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                case "--iterations" -> iterations = Integer.parseInt(value(args, ++i));
                case "--only" -> only = List.of(value(args, ++i).split(","));
                default -> throw new IllegalArgumentException("OrtBenchMain: unknown argument " + args[i]);
            }
        }
        if (model == null) {
            throw new IllegalArgumentException("OrtBenchMain: --model MODEL.onnx is required "
                    + "(tools/bench/export_minifasnet_onnx.py writes it)");
        }
        List<Integer> batches = selectedBatches(only);
        if (batches.isEmpty()) {
            System.err.println("ort: no ONNX Runtime workload in --only " + String.join(",", only)
                    + "; nothing to run");
            return;
        }
        String json = run(model, threads, spinning, warmup, iterations, batches, System.err);
        System.out.println(json);
    }

    private static String value(String[] args, int i) {
        return BenchMain.value("OrtBenchMain", args, i);
    }

    private static boolean onOff(String v) {
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("OrtBenchMain: --spinning takes on or off, not " + v);
        };
    }

    /** Checks the model against PyTorch's logits, then times inference at each batch; returns the JSON line. */
    static String run(Path model, int threads, boolean spinning, int warmup, int iterations, List<Integer> batches,
                      PrintStream progress) throws IOException {
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("ort: iterations " + iterations + " must be >= 1, warmup " + warmup
                    + " >= 0");
        }
        for (Path p : List.of(model, OrtAgreementCheck.inputFile(model), OrtAgreementCheck.outputFile(model))) {
            if (!Files.isRegularFile(p)) {
                throw new UncheckedIOException(new IOException("ort: " + p
                        + " is missing; run tools/bench/export_minifasnet_onnx.py --out " + model));
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        String engine;
        try (OrtMiniFasNet net = new OrtMiniFasNet(model, threads, spinning)) {
            engine = "onnxruntime " + net.version();
            float[] input = OrtAgreementCheck.readLittleEndianFloats(OrtAgreementCheck.inputFile(model));
            float[] expected = OrtAgreementCheck.readLittleEndianFloats(OrtAgreementCheck.outputFile(model));
            int perSample = OrtMiniFasNet.CHANNELS * OrtMiniFasNet.IMAGE * OrtMiniFasNet.IMAGE;
            if (input.length % perSample != 0) {
                throw new IOException("ort check: " + OrtAgreementCheck.inputFile(model) + " holds " + input.length
                        + " values, not a whole batch of [3, 80, 80]");
            }
            float[] actual = net.logits(input, input.length / perSample);
            double diff = OrtAgreementCheck.requireAgreement(actual, expected, model);
            progress.printf(Locale.ROOT, "ort: %s agrees with PyTorch: max |difference| %.2e <= %.0e%n", model, diff,
                    OrtAgreementCheck.TOLERANCE);
            for (int batch : batches) {
                Workload w = net.inference(batch);
                double ms = BenchMain.medianMillis(w.step(), warmup, iterations);
                progress.printf(Locale.ROOT, "ort: %s = %.3f ms (median of %d after >= %d warm-up steps and %.0f s; "
                        + "%d intra-op threads, spinning %s)%n", w.key(), ms, iterations, warmup,
                        BenchMain.WARMUP_SECONDS, threads, spinning ? "on" : "off");
                medians.put(w.key(), ms);
            }
        }
        return toJson(engine, threads, warmup, iterations, medians, BenchMain.peakRssKib());
    }

    /** One JSON object on one line: engine and settings, then every median (ms), then peak_rss_mb. */
    static String toJson(String engine, int threads, int warmup, int iterations, Map<String, Double> medians,
                         long peakRssKib) {
        StringBuilder s = new StringBuilder("{\"engine\":\"").append(engine.replace("\"", "'")).append('"');
        s.append(",\"threads\":").append(threads);
        BenchReport.appendMeasurements(s, warmup, iterations, medians, peakRssKib);
        return s.append('}').toString();
    }
}
