package vigil.liveness.blink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.DType;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.io.SafeTensors;

/**
 * The reproduce command's promise: the same eye sources and seed write the same weights. Run on a
 * tiny configuration with drawn eyes (no fetched data needed); the full run differs only in step counts.
 */
class BlinkTrainingDeterminismTest {
    private static List<EyeSource> drawnSources() {
        Rng rng = new Rng(42);
        int n = EyeStateCnn.CROP;
        List<EyeSource> out = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            float[][] eyes = new float[2][n * n];
            for (float[] eye : eyes) {
                float skin = rng.uniform(0.5f, 0.8f);
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        double u = (x + 0.5 - 12) / 6.0;
                        double v = (y + 0.5 - 12) / 2.2;
                        eye[y * n + x] = (u * u + v * v < 1 ? 0.15f : skin) + 0.02f * (float) rng.nextGaussian();
                    }
                }
            }
            out.add(new EyeSource(new EyeObservation(eyes[0], eyes[1], 0.3f, 0.3f), "img" + s + ".png#face0"));
        }
        return out;
    }

    /**
     * Same seed: the same bits, even for a second run in the same JVM, where the JIT has compiled the
     * kernels the first run interpreted (the GRU's vector exp/tanh are built from exactly rounded lane
     * operations for this reason: see VectorMath). A different seed moves the weights by far more (> 1e-2).
     */
    @Test
    void sameSourcesAndSeedGiveTheSameWeights(@TempDir Path dir) throws Exception {
        BlinkTraining.Settings tiny = new BlinkTraining.Settings(3, 6, 8, 2, 6, 4, 16, 24, 6);
        BlinkTraining.Settings otherSeed = new BlinkTraining.Settings(4, 6, 8, 2, 6, 4, 16, 24, 6);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        BlinkTraining.run(drawnSources(), tiny, dir.resolve("a"), quiet);
        BlinkTraining.run(drawnSources(), tiny, dir.resolve("b"), quiet);
        BlinkTraining.run(drawnSources(), otherSeed, dir.resolve("c"), quiet);
        for (String f : List.of(BlinkModels.EYE_STATE_FILE, BlinkModels.BLINK_FILE, BlinkModels.SMOOTHER_FILE)) {
            Map<String, Tensor> a = SafeTensors.read(dir.resolve("a").resolve(f)).tensors();
            Map<String, Tensor> b = SafeTensors.read(dir.resolve("b").resolve(f)).tensors();
            Map<String, Tensor> c = SafeTensors.read(dir.resolve("c").resolve(f)).tensors();
            assertEquals(a.keySet(), b.keySet());
            double same = 0;
            double other = 0;
            for (String k : a.keySet()) {
                if (a.get(k).dtype() == DType.FLOAT32) {
                    same = Math.max(same, maxAbsDiff(a.get(k).data(), b.get(k).data()));
                    other = Math.max(other, maxAbsDiff(a.get(k).data(), c.get(k).data()));
                }
            }
            assertEquals(0.0, same, f + ": same seed differs by " + same);
            assertTrue(other > 1e-2, f + ": another seed differs by only " + other);
        }
    }

    private static double maxAbsDiff(float[] x, float[] y) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    @Test
    void everyFifthImageFileIsHeldOutAndVideoFramesAlwaysTrain() {
        List<EyeSource> sources = new ArrayList<>(drawnSources());
        EyeSource frame = sources.get(0);
        sources.add(new EyeSource(frame.eyes(), "clip.avi#frame3#face0"));
        List<EyeSource> train = new ArrayList<>();
        List<EyeSource> heldOut = new ArrayList<>();
        BlinkTraining.split(sources, train, heldOut);
        assertEquals(List.of("img4.png#face0"), heldOut.stream().map(EyeSource::origin).toList());
        assertEquals(6, train.size());
    }
}
