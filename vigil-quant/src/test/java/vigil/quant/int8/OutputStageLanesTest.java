package vigil.quant.int8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector requantization equals the scalar fixed-point reference bit for bit, extremes included. */
class OutputStageLanesTest {

    private static int[] accumulators(Random r, int n) {
        int[] a = new int[n];
        int[] special = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1, 1 << 30, -(1 << 30), 12345, -12345};
        for (int i = 0; i < n; i++) {
            a[i] = i < special.length ? special[i] : switch (r.nextInt(3)) {
                case 0 -> r.nextInt();
                case 1 -> r.nextInt(1 << 20) - (1 << 19);
                default -> r.nextInt(2001) - 1000;
            };
        }
        return a;
    }

    @Test
    void vectorRunEqualsScalarApplyForEveryShiftAndSide() {
        Random r = new Random(5);
        // multipliers from 2^-31 (right shift 30) to ~100 (left shift 7), with PReLU negative sides of both signs
        double[] m = new double[40];
        double[] neg = new double[40];
        for (int c = 0; c < m.length; c++) {
            m[c] = Math.scalb(0.5 + 0.5 * r.nextDouble(), -30 + c);
            neg[c] = (r.nextBoolean() ? -1 : 1) * Math.scalb(0.5 + 0.5 * r.nextDouble(), -25 + c / 2);
        }
        int len = 67; // whole vectors and a tail
        for (OutputStage stage : new OutputStage[] {OutputStage.linear(m, -5), OutputStage.prelu(m, neg, 17),
            OutputStage.clamped(m, -128, -128, 40)}) {
            for (int c = 0; c < m.length; c++) {
                int[] acc = accumulators(r, len);
                int add = r.nextInt(1001) - 500;
                byte[] y = new byte[len + 3];
                stage.applyRun(acc, 0, add, y, 3, len, c);
                byte[] expected = new byte[len + 3];
                for (int i = 0; i < len; i++) {
                    expected[3 + i] = (byte) stage.apply(acc[i] + add, c);
                }
                assertArrayEquals(expected, y, "channel " + c + " (shift " + stage.shift(c, false) + ")");
            }
        }
    }

    @Test
    void vectorAddEqualsScalarApplyIncludingSaturation() {
        Random r = new Random(6);
        byte[] a = Int8Fixtures.codes(r, 1000);
        byte[] b = Int8Fixtures.codes(r, 1000);
        Int8Add add = new Int8Add(0.02f, -3, 0.11f, 9, 0.05f, 2, -128, 127);
        byte[] y = add.forward(a, b);
        for (int i = 0; i < a.length; i++) {
            assertEquals(add.apply(a[i], b[i]), y[i], "element " + i);
        }
    }
}
