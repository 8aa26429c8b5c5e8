package vigil.liveness.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;
import vigil.data.image.OpenCvResize;
import vigil.liveness.bench.BenchmarkSample;
import vigil.liveness.metrics.ScoredSample;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/** Scores benchmark samples with a model, batch by batch, keeping each sample's live label and attack type. */
public final class SplitScoring {
    private SplitScoring() {
    }

    /** Samples of benchmark root, loaded and resized to size x size, scored in batches of batchSize. */
    public static List<ScoredSample> score(Path root, List<BenchmarkSample> samples, int size, LiveScorer scorer,
                                           int batchSize) throws IOException {
        List<ScoredSample> out = new ArrayList<>();
        int plane = 3 * size * size;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            for (int start = 0; start < samples.size(); start += batchSize) {
                int n = Math.min(batchSize, samples.size() - start);
                float[] batch = new float[n * plane];
                for (int i = 0; i < n; i++) {
                    BgrImage image = ImageDecoder.readBgr(root.resolve(samples.get(start + i).path()));
                    if (image.width() != size || image.height() != size) {
                        image = OpenCvResize.linear(image, size, size);
                    }
                    System.arraycopy(image.toTensor().data(), 0, batch, i * plane, plane);
                }
                double[] scores = scorer.scores(Tensor.of(batch, n, 3, size, size));
                if (scores.length != n) {
                    throw new IllegalStateException("SplitScoring: the model gave " + scores.length + " scores for "
                            + n + " images (batch at " + samples.get(start).path() + ")");
                }
                for (int i = 0; i < n; i++) {
                    BenchmarkSample s = samples.get(start + i);
                    out.add(s.live() ? ScoredSample.live(scores[i]) : ScoredSample.attack(scores[i], s.attackType()));
                }
            }
        }
        return out;
    }
}
