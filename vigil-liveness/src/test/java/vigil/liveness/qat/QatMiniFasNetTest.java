package vigil.liveness.qat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.liveness.passive.MiniFasNet;
import vigil.liveness.passive.MiniFasNetVariant;
import vigil.liveness.train.BatchSource;
import vigil.liveness.train.TrainBatch;
import vigil.quant.qat.QatSchedule;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;
import vigil.tensor.io.Json;
import vigil.tensor.io.SafeTensors;
import vigil.tensor.io.SafeTensorsFile;

/**
 * The MiniFASNet QAT wrapper on small (32x32) randomly initialised models with randomised batch norm
 * statistics: its activation points are the converter's names, its quantization-free evaluation is the
 * float model's, and its export reloads into MiniFasNet unchanged.
 */
class QatMiniFasNetTest {
    private static final int SIZE = 32;

    private static MiniFasNet model(MiniFasNetVariant variant, long seed) {
        MiniFasNet m = MiniFasNet.create(variant, SIZE, SIZE, 3, new Rng(seed));
        Rng rng = new Rng(seed + 1);
        for (Map.Entry<String, Tensor> e : m.stateDict().entrySet()) {
            float[] d = e.getKey().endsWith("running_var") ? e.getValue().data()
                    : e.getKey().endsWith("running_mean") ? e.getValue().data() : null;
            if (d != null) {
                boolean var = e.getKey().endsWith("running_var");
                for (int i = 0; i < d.length; i++) {
                    d[i] = var ? rng.uniform(0.5f, 2f) : rng.uniform(-0.2f, 0.2f);
                }
            }
        }
        return m;
    }

    private static Tensor images(long seed, int n) {
        Rng rng = new Rng(seed);
        float[] d = new float[n * 3 * SIZE * SIZE];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.floor(rng.uniform(0f, 256f));
        }
        return Tensor.of(d, n, 3, SIZE, SIZE);
    }

    /** The converter's point names for a residual stage of the given length, built from the architecture table. */
    private static void residualStage(List<String> out, String stage, int blocks, boolean se) {
        for (int i = 0; i < blocks; i++) {
            String b = stage + ".model." + i;
            out.addAll(List.of(b + ".conv", b + ".conv_dw", b + ".project"));
            if (se && i == blocks - 1) {
                out.addAll(List.of(b + ".se_module.fc1", b + ".se_module.fc2", b + ".se_module"));
            }
            out.add(b);
        }
    }

    private static List<String> expectedPoints(boolean se) {
        List<String> p = new ArrayList<>(List.of("conv1", "conv2_dw", "conv_23.conv", "conv_23.conv_dw",
                "conv_23.project"));
        residualStage(p, "conv_3", 4, se);
        p.addAll(List.of("conv_34.conv", "conv_34.conv_dw", "conv_34.project"));
        residualStage(p, "conv_4", 6, se);
        p.addAll(List.of("conv_45.conv", "conv_45.conv_dw", "conv_45.project"));
        residualStage(p, "conv_5", 2, se);
        p.addAll(List.of("conv_6_sep", "conv_6_dw", "bn", "prob"));
        return p;
    }

    private static QatMiniFasNet observedOnce(MiniFasNet m, QatSchedule s) {
        QatMiniFasNet q = QatMiniFasNet.wrap(m, s);
        q.train(true);
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            q.forward(images(5, 4));
        }
        return q;
    }

    @Test
    void observedPointsAreTheConverterNamesInExecutionOrder() {
        QatMiniFasNet q = observedOnce(model(MiniFasNetVariant.V2, 1), new QatSchedule(0, 0));
        assertEquals(expectedPoints(false), List.copyOf(q.observedRanges().keySet()));
    }

    @Test
    void squeezeExciteVariantAddsItsThreePointsPerStage() {
        QatMiniFasNet q = observedOnce(model(MiniFasNetVariant.V1SE, 2), new QatSchedule(0, 0));
        assertEquals(expectedPoints(true), List.copyOf(q.observedRanges().keySet()));
        assertTrue(q.points().containsKey("conv_3.model.3.se_module.gate"), "the fixed sigmoid grid is a point");
    }

    @Test
    void evaluationWithoutQuantizationEqualsTheFloatModel() {
        MiniFasNet m = model(MiniFasNetVariant.V1SE, 3);
        m.eval();
        Tensor x = images(4, 2);
        float[] expected;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            expected = m.forward(x).data();
            QatMiniFasNet q = QatMiniFasNet.wrap(m, new QatSchedule(Long.MAX_VALUE, Long.MAX_VALUE));
            q.eval();
            // ~40 folded layers deep, each reassociating float32 sums: logits of size ~1..100 agree to 1e-3 relative
            float[] got = q.forward(x).data();
            for (int i = 0; i < got.length; i++) {
                assertEquals(expected[i], got[i], 1e-3 * (1 + Math.abs(expected[i])), "logit " + i);
            }
        }
    }

    @Test
    void exportReloadsIntoMiniFasNetAndListsEveryObservedRange(@TempDir Path dir) throws IOException {
        MiniFasNet m = model(MiniFasNetVariant.V2, 6);
        BatchSource source = new BatchSource() {
            @Override
            public long batchesPerEpoch() {
                return 1;
            }

            @Override
            public TrainBatch batch(long index) {
                return new TrainBatch(images(10 + index, 4), Tensor.ofLongs(new long[] {0, 1, 2, 1}, 4));
            }
        };
        QatFineTuner.Result r = QatFineTuner.fineTune(m, source, new QatConfig(3, 1, 0, 1e-3), line -> { });
        assertEquals(3, r.losses().size());
        QatExport.Exported files = QatExport.write(dir.resolve("v2_qat"), r.qat(), "random", 3);

        SafeTensorsFile f = SafeTensors.read(files.weights());
        MiniFasNet reloaded = MiniFasNet.create(MiniFasNetVariant.V2, SIZE, SIZE, 3, new Rng(99));
        reloaded.loadPretrained(f.tensors(), files.weights().toString());
        for (Map.Entry<String, Tensor> e : m.stateDict().entrySet()) {
            if (e.getValue().dtype() == vigil.tensor.DType.FLOAT32) {
                assertArrayEquals(e.getValue().data(), reloaded.stateDict().get(e.getKey()).data(), 0f, e.getKey());
            }
        }
        assertEquals(QatExport.FORMAT, f.metadata().get("format"));

        Map<String, Object> json = Json.parseObject(Files.readString(files.ranges()));
        assertEquals(QatExport.RANGES_FORMAT, json.get("format"));
        @SuppressWarnings("unchecked")
        Map<String, Object> ranges = (Map<String, Object>) json.get("ranges");
        assertEquals(expectedPoints(false), List.copyOf(ranges.keySet()));
        for (Map.Entry<String, Object> e : ranges.entrySet()) {
            List<?> mm = (List<?>) e.getValue();
            double lo = ((Number) mm.get(0)).doubleValue();
            double hi = ((Number) mm.get(1)).doubleValue();
            assertTrue(lo <= 0 && hi >= 0 && lo < hi, e.getKey() + ": [" + lo + ", " + hi + "] must contain 0");
        }
    }
}
