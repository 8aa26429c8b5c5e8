package vigil.quant.qat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.ops.FakeQuantMinMax;

/**
 * The observer's EMA of activation ranges (TF MovingAvgQuantize: batch range widened to include 0, first
 * batch initialises, then range = decay * range + (1 - decay) * batch), its quantization delay and its
 * frozen range in evaluation. EMA values are compared with the same recurrence in double: float32 drift
 * over two steps stays below 1e-6 for ranges of a few units.
 */
class ActivationFakeQuantTest {
    private static final double EMA_TOL = 1e-6;

    private static Tensor batch(float... v) {
        return Tensor.of(v, 1, v.length);
    }

    @Test
    void firstBatchInitialisesTheRangeWidenedToZero() {
        ActivationFakeQuant q = ActivationFakeQuant.observed("p", new QatSchedule(10, Long.MAX_VALUE));
        q.forward(batch(0.5f, 3f, 1f));
        assertEquals(0f, q.min(), "a positive batch still has min 0");
        assertEquals(3f, q.max());
        ActivationFakeQuant neg = ActivationFakeQuant.observed("n", new QatSchedule(10, Long.MAX_VALUE));
        neg.forward(batch(-4f, -1f));
        assertEquals(-4f, neg.min());
        assertEquals(0f, neg.max(), "a negative batch still has max 0");
    }

    @Test
    void laterBatchesEnterAnExponentialMovingAverage() {
        ActivationFakeQuant q = ActivationFakeQuant.observed("p", new QatSchedule(10, Long.MAX_VALUE));
        q.forward(batch(-1f, 2f));
        q.forward(batch(-3f, 6f));
        q.forward(batch(0.5f, 1f));
        double lo = -1;
        double hi = 2;
        lo = 0.999 * lo + 0.001 * -3;
        hi = 0.999 * hi + 0.001 * 6;
        lo = 0.999 * lo + 0.001 * 0; // the third batch's min widens to 0
        hi = 0.999 * hi + 0.001 * 1;
        assertEquals(lo, q.min(), EMA_TOL);
        assertEquals(hi, q.max(), EMA_TOL);
    }

    @Test
    void beforeTheDelayOutputIsTheInputButRangesAreCollected() {
        QatSchedule s = new QatSchedule(2, Long.MAX_VALUE);
        ActivationFakeQuant q = ActivationFakeQuant.observed("p", s, 0.5f);
        float[] x = {-1.01f, 0.333f, 2.71f};
        assertArrayEquals(x, q.forward(batch(x)).data(), "step 0 < delay 2: identity");
        s.advance();
        q.forward(batch(-3f, 1f));
        assertEquals(0.5 * -1.01 + 0.5 * -3, q.min(), EMA_TOL, "ranges move during the delay");
        s.advance();
        Tensor y = q.forward(batch(x));
        // step 2: this batch updates the range first, then quantizes with it (TF reads the assigned value)
        assertEquals(0.5 * (0.5 * -1.01 + 0.5 * -3) + 0.5 * -1.01, q.min(), EMA_TOL);
        assertEquals(0.5 * (0.5 * 2.71 + 0.5 * 1) + 0.5 * 2.71, q.max(), EMA_TOL);
        float lo = q.min();
        for (int i = 0; i < x.length; i++) {
            float expected = FakeQuantMinMax.apply(x[i], FakeQuantMinMax.nudge(lo, q.max(), 8, false));
            assertEquals(expected, y.data()[i], 0f, "element " + i);
        }
        assertFalse(java.util.Arrays.equals(x, y.data()), "quantization changed something");
    }

    @Test
    void evaluationFreezesTheRange() {
        ActivationFakeQuant q = ActivationFakeQuant.observed("p", QatSchedule.immediate());
        q.forward(batch(-1f, 2f));
        q.eval();
        q.forward(batch(-50f, 80f));
        assertEquals(-1f, q.min());
        assertEquals(2f, q.max());
        Tensor y = q.forward(batch(-50f, 80f));
        assertArrayEquals(new float[] {q.forward(batch(-1f)).data()[0], q.forward(batch(2f)).data()[0]}, y.data(),
                "evaluation clamps to the frozen (nudged) range");
    }

    @Test
    void quantizingWithoutARangeNamesThePoint() {
        ActivationFakeQuant q = ActivationFakeQuant.observed("conv1", QatSchedule.immediate());
        q.eval();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> q.forward(batch(1f)));
        assertTrue(e.getMessage().contains("conv1"), e.getMessage());
    }

    @Test
    void nanActivationIsReportedWithPointAndStep() {
        ActivationFakeQuant q = ActivationFakeQuant.observed("conv_23.conv", QatSchedule.immediate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> q.forward(batch(1f, Float.NaN)));
        assertTrue(e.getMessage().contains("conv_23.conv") && e.getMessage().contains("step 0"), e.getMessage());
    }

    @Test
    void fixedPointQuantizesOnItsGivenRangeAndObservesNothing() {
        ActivationFakeQuant q = ActivationFakeQuant.fixed("input", QatSchedule.immediate(), 0f, 255f);
        Tensor y = q.forward(batch(0f, 17f, 254.6f, 300f));
        assertArrayEquals(new float[] {0f, 17f, 255f, 255f}, y.data(), 1e-4f, "scale 1 on [0, 255]");
        assertEquals(255f, q.max());
    }

    @Test
    void invertedFixedRangeIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ActivationFakeQuant.fixed("input", QatSchedule.immediate(), 3f, 1f));
    }

    @Test
    void relu6IsAClampBeforeTheDelayAndTheZeroToSixGridAfter() {
        QatSchedule s = new QatSchedule(1, Long.MAX_VALUE);
        ActivationFakeQuant r = ActivationFakeQuant.relu6("r", s);
        float[] x = {-2f, 0.1f, 3.33f, 7f};
        assertArrayEquals(new float[] {0f, 0.1f, 3.33f, 6f}, r.forward(batch(x)).data(), "step 0: ReLU6 exactly");
        s.advance();
        Tensor in = batch(x).requiresGrad(true);
        Tensor y = r.forward(in);
        double step = 6.0 / 255; // [0, 6] needs no nudging: zero point 0
        for (int i = 0; i < x.length; i++) {
            double clamped = Math.min(Math.max(x[i], 0), 6);
            assertEquals(Math.round(clamped / step) * step, y.data()[i], 1e-5, "element " + i);
        }
        y.sum().backward();
        assertArrayEquals(new float[] {0f, 1f, 1f, 0f}, in.gradArray(), "gradient only inside [0, 6]");
    }
}
