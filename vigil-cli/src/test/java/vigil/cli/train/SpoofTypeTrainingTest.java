package vigil.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.liveness.bench.BenchmarkSample;
import vigil.liveness.bench.SampleCode;
import vigil.liveness.model.LossTerms;
import vigil.liveness.model.MultiTaskObjective;
import vigil.liveness.model.MultiTaskOutput;
import vigil.liveness.train.ConfigFields;
import vigil.liveness.train.TrainBatch;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;

/**
 * The spoof-type head of `vigil train` (model.spoof_type_weight): the benchmark's attack_type reaches
 * the head as its family (print 0 / replay 1, held-out renderers included, live and unknown kinds -1),
 * and the head's loss is the cross-entropy over the attacks that have a family.
 */
class SpoofTypeTrainingTest {
    /** Seen, held-out and an unknown renderer, and live samples, as manifest rows would have them. */
    private static final List<BenchmarkSample> ROWS = List.of(
            row(""), row("print-halftone"), row("replay-moire"), row("print-glossy"), row(""),
            row("replay-hidpi"), row("mask-latex"), row("replay-moire"));

    private static BenchmarkSample row(String attackType) {
        return new BenchmarkSample("images/x_" + attackType + ".png", "train", "s", attackType.isEmpty(), attackType);
    }

    /** The mapping written out independently of AttackFamily: the renderer name's prefix. */
    private static long expectedFamily(BenchmarkSample s) {
        if (s.live()) {
            return -1;
        }
        return s.attackType().startsWith("print-") ? 0 : s.attackType().startsWith("replay-") ? 1 : -1;
    }

    private static long[] codes() {
        return ROWS.stream().mapToLong(SampleCode::of).toArray();
    }

    @Test
    void theSpoofTypeTargetOfABatchIsTheRenderersFamily() {
        long[] expected = ROWS.stream().mapToLong(SpoofTypeTrainingTest::expectedFamily).toArray();
        assertArrayEquals(expected, ModelConfig.spoofTypes(codes()));
        long[] live = ROWS.stream().mapToLong(s -> s.live() ? 1 : 0).toArray();
        assertArrayEquals(live, ModelConfig.liveLabels(codes(), 1, 0));
    }

    @Test
    void thePackedTargetsOfATrainingBatchCarryTheFamilies() {
        ModelConfig.Built<?> built = config(0.5, 0).build(3);
        MultiTaskObjective objective = (MultiTaskObjective) built.objective();
        TrainBatch packed = built.targets().apply(batch());
        int w = objective.layout().targetWidth();
        float[] t = packed.targets().data();
        for (int i = 0; i < ROWS.size(); i++) {
            assertEquals(ROWS.get(i).live() ? 1f : 0f, t[i * w], "live target of row " + i);
            assertEquals((float) expectedFamily(ROWS.get(i)), t[i * w + 1], "spoof-type target of row " + i);
        }
    }

    /**
     * The loss's spoof-type term against cross-entropy computed here in double from the head's logits over
     * the rows with a family; the total against live + 0.5 x type + 0.25 x Fourier. Tolerance 1e-5
     * relative: float32 log-softmax of 2 logits against double.
     */
    @Test
    void theSpoofTypeLossIsTheCrossEntropyOverAttacksWithAFamily() {
        ModelConfig.Built<?> built = config(0.5, 0.25).build(3);
        MultiTaskObjective objective = (MultiTaskObjective) built.objective();
        TrainBatch packed = built.targets().apply(batch());
        Tensor output;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            built.model().eval();
            output = built.model().forward(packed.inputs());
        }
        LossTerms terms = objective.terms(output, packed.targets());
        float[] logits = MultiTaskOutput.unpack(output, objective.layout()).spoofType().contiguous().data();
        double sum = 0;
        int n = 0;
        for (int i = 0; i < ROWS.size(); i++) {
            long y = expectedFamily(ROWS.get(i));
            if (y < 0) {
                continue;
            }
            double a = logits[2 * i];
            double b = logits[2 * i + 1];
            double max = Math.max(a, b);
            double logZ = max + Math.log(Math.exp(a - max) + Math.exp(b - max));
            sum += logZ - (y == 0 ? a : b);
            n++;
        }
        assertEquals(5, n);
        double expected = sum / n;
        assertNotNull(terms.spoofType());
        assertEquals(expected, terms.spoofType().item(), 1e-5 * Math.max(1, expected));
        double total = terms.live().item() + 0.5 * terms.spoofType().item() + 0.25 * terms.fourier().item();
        assertEquals(total, terms.total().item(), 1e-5 * Math.max(1, total));
    }

    private static ModelConfig config(double spoofTypeWeight, double fourierWeight) {
        return ModelConfig.read(new ConfigFields("test", "model.", Map.of("name", "minifasnet-v2", "input", 16L,
                "embedding", 8L, "spoof_type_weight", spoofTypeWeight, "fourier_weight", fourierWeight)));
    }

    /** Random 16x16 BGR crops with the rows' sample codes as labels, as the loader gives them. */
    private static TrainBatch batch() {
        int n = ROWS.size();
        float[] pixels = new float[n * 3 * 16 * 16];
        Rng rng = new Rng(11);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rng.nextInt(256);
        }
        return new TrainBatch(Tensor.of(pixels, n, 3, 16, 16), Tensor.ofLongs(codes(), n));
    }
}
