package vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;
import vigil.liveness.int8.Int8MiniFasNet;
import vigil.liveness.int8.Int8ModelFile;
import vigil.liveness.metrics.PadMetrics;
import vigil.liveness.metrics.ScoredSample;
import vigil.liveness.passive.FaceVerdict;
import vigil.liveness.passive.PretrainedMiniFasNet;
import vigil.tensor.autograd.Autograd;

/**
 * The accuracy cost of int8: a float Silent-Face model and its int8 conversion scored on the same crops of a
 * synthetic-spoof benchmark split (vigil.liveness.bench: 80x80 PNGs at context scale 2.7, the input of the
 * 2.7_80x80 MiniFASNetV2), the ISO/IEC 30107-3 metrics of both at threshold 0.5, how often their verdicts
 * agree and the largest live-score difference.
 *
 * <pre>
 * java ... vigil.bench.Int8BenchmarkAccuracy MODEL.pth MODEL.int8.safetensors BENCH_DIR SPLIT
 * </pre>
 */
public final class Int8BenchmarkAccuracy {
    private Int8BenchmarkAccuracy() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: Int8BenchmarkAccuracy MODEL.pth MODEL.int8.safetensors BENCH_DIR SPLIT");
        }
        PretrainedMiniFasNet floatModel = PretrainedMiniFasNet.load(Path.of(args[0]));
        Int8MiniFasNet int8Model = Int8ModelFile.read(Path.of(args[1]));
        Path bench = Path.of(args[2]);
        String split = args[3];
        List<ScoredSample> floatScores = new ArrayList<>();
        List<ScoredSample> int8Scores = new ArrayList<>();
        int agree = 0;
        double maxDiff = 0;
        List<String> rows = Files.readAllLines(bench.resolve("manifest.csv"));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            if (!f[1].equals(split)) {
                continue;
            }
            BgrImage crop = ImageDecoder.readBgr(bench.resolve(f[0]));
            float[] pf;
            try (Autograd.NoGrad ignored = Autograd.noGrad()) {
                pf = floatModel.probabilities(crop.toTensor()).data();
            }
            float[] pq = int8Model.probabilities(crop);
            boolean live = f[3].equals("1");
            floatScores.add(live ? ScoredSample.live(pf[FaceVerdict.LIVE_CLASS])
                    : ScoredSample.attack(pf[FaceVerdict.LIVE_CLASS], f[4]));
            int8Scores.add(live ? ScoredSample.live(pq[FaceVerdict.LIVE_CLASS])
                    : ScoredSample.attack(pq[FaceVerdict.LIVE_CLASS], f[4]));
            agree += argMax(pf) == argMax(pq) ? 1 : 0;
            maxDiff = Math.max(maxDiff, Math.abs(pf[FaceVerdict.LIVE_CLASS] - pq[FaceVerdict.LIVE_CLASS]));
        }
        if (floatScores.isEmpty()) {
            throw new IllegalArgumentException("no sample of split '" + split + "' in " + bench.resolve("manifest.csv"));
        }
        System.out.printf(Locale.ROOT, "%d %s samples; same class %d (%.1f%%); largest live-score difference %.4f%n",
                floatScores.size(), split, agree, 100.0 * agree / floatScores.size(), maxDiff);
        report("float", PadMetrics.of(floatScores, PadMetrics.DEFAULT_THRESHOLD));
        report("int8 ", PadMetrics.of(int8Scores, PadMetrics.DEFAULT_THRESHOLD));
    }

    private static void report(String name, PadMetrics m) {
        System.out.println(name + ": " + String.join("; ", m.text()));
    }

    private static int argMax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
