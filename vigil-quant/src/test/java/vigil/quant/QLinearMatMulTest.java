package vigil.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The integer matrix multiply against its float-simulated twin (exact with power-of-two scales). */
class QLinearMatMulTest {
    private static void assertMatchesTwin(long seed, int[] aShape, int[] bShape, boolean perColumn) {
        Random rng = new Random(seed);
        QTensor a = QuantFixtures.random(rng, aShape, QuantType.UINT8, QuantParams.perTensor(0x1p-4f, 113));
        int n = bShape[bShape.length - 1];
        QuantParams bp = QuantParams.perTensor(0x1p-6f, -2);
        if (perColumn) {
            float[] scales = new float[n];
            for (int j = 0; j < n; j++) {
                scales[j] = (float) Math.scalb(1.0, -5 - j % 3);
            }
            bp = QuantParams.perChannel(scales, new int[n], bShape.length - 1);
        }
        QTensor b = QuantFixtures.random(rng, bShape, QuantType.INT8, bp);
        QTensor y = QLinearMatMul.forward(a, b, 0.25f, 7, QuantType.UINT8, Rounding.FLOAT);
        QTensor twin = SimulatedQuant.matMul(a, b, 0.25f, 7, QuantType.UINT8);
        assertArrayEquals(twin.shape(), y.shape(), "shape");
        assertArrayEquals(twin.values(), y.values(), "codes");
    }

    @Test
    void twoDimensionalProductMatchesTheTwin() {
        assertMatchesTwin(1, new int[] {5, 9}, new int[] {9, 6}, false);
    }

    @Test
    void batchedProductMatchesTheTwin() {
        assertMatchesTwin(2, new int[] {3, 4, 7}, new int[] {3, 7, 5}, false);
    }

    @Test
    void sharedRightOperandWithPerColumnScalesMatchesTheTwin() {
        assertMatchesTwin(3, new int[] {2, 4, 8}, new int[] {8, 6}, true);
    }

    @Test
    void accumulatorSubtractsBothZeroPoints() {
        // a [1,2] (5, 7) Z 5; b [2,1] (3, -1) Z -1: (0)(4) + (2)(0) = 0; b Z 0: 0*3 + 2*(-1) = -2
        QTensor a = new QTensor(new byte[] {5, 7}, new int[] {1, 2}, QuantType.UINT8, QuantParams.perTensor(1f, 5));
        QTensor b1 = new QTensor(new byte[] {3, -1}, new int[] {2, 1}, QuantType.INT8, QuantParams.perTensor(1f, -1));
        QTensor b0 = new QTensor(new byte[] {3, -1}, new int[] {2, 1}, QuantType.INT8, QuantParams.perTensor(1f, 0));
        assertArrayEquals(new int[] {0}, QLinearMatMul.accumulate(a, b1));
        assertArrayEquals(new int[] {-2}, QLinearMatMul.accumulate(a, b0));
    }

    @Test
    void refusesMismatchedInnerDimensions() {
        Random rng = new Random(4);
        QTensor a = QuantFixtures.random(rng, new int[] {2, 3}, QuantType.UINT8, QuantParams.perTensor(1f, 0));
        QTensor b = QuantFixtures.random(rng, new int[] {4, 2}, QuantType.INT8, QuantParams.perTensor(1f, 0));
        assertThrows(IllegalArgumentException.class,
                () -> QLinearMatMul.forward(a, b, 1f, 0, QuantType.UINT8, Rounding.FLOAT));
    }
}
