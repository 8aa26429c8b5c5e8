package vigil.quant.int8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Int8 convolution kernels against their float-simulated twins, and vector against scalar. */
class Int8ConvKernelsTest {

    /** One convolution case: random operands, an output scale from the twin, the kernel, and the comparison. */
    private static Exactness.Outcome convCase(long seed, int n, int c, int o, int h, int w, int k, int s, int p,
                                              boolean depthwise, boolean prelu, boolean scalarOnly) {
        Random r = new Random(seed);
        int cPer = depthwise ? 1 : c;
        byte[] x = Int8Fixtures.codes(r, n * c * h * w);
        byte[] wq = Int8Fixtures.weights(r, o * cPer * k * k);
        float sIn = 0.02f + 0.05f * r.nextFloat();
        int zIn = r.nextInt(256) - 128;
        float[] sW = Int8Fixtures.scales(r, o, 0.001f, 0.02f);
        int[] bias = Int8Fixtures.bias(r, o, 3000);
        double[] alpha = null;
        if (prelu) {
            alpha = new double[o];
            for (int i = 0; i < o; i++) {
                alpha[i] = r.nextDouble() * 0.6 - 0.1; // negative alphas exist in trained PReLUs
            }
        }
        double[] atOne = FloatTwins.conv(x, n, c, h, w, sIn, zIn, wq, sW, bias, o, k, k, s, p, depthwise, alpha, 1f);
        float sOut = Int8Fixtures.outputScale(atOne);
        int zOut = Int8Fixtures.zeroPointFor(atOne, sOut);
        double[] u = FloatTwins.conv(x, n, c, h, w, sIn, zIn, wq, sW, bias, o, k, k, s, p, depthwise, alpha, sOut);
        double[] m = Int8Fixtures.multipliers(sIn, sW, sOut);
        OutputStage stage;
        if (prelu) {
            double[] neg = new double[o];
            for (int i = 0; i < o; i++) {
                neg[i] = alpha[i] * m[i];
            }
            stage = OutputStage.prelu(m, neg, zOut);
        } else {
            stage = OutputStage.linear(m, zOut);
        }
        int ho = (h + 2 * p - k) / s + 1;
        int wo = (w + 2 * p - k) / s + 1;
        byte[] y;
        if (depthwise) {
            Int8DepthwiseConv2d dw = new Int8DepthwiseConv2d(wq, bias, c, k, k, new int[] {s, s}, new int[] {p, p},
                    zIn, stage);
            y = scalarOnly ? dw.forwardScalar(x, n, h, w) : dw.forwardVector(x, n, h, w);
        } else {
            y = new Int8Conv2d(wq, bias, o, c, k, k, new int[] {s, s}, new int[] {p, p}, zIn, stage).forward(x, n, h, w);
        }
        int plane = ho * wo;
        String what = (depthwise ? "depthwise " : "conv ") + k + "x" + k + " s" + s + " p" + p + " " + h + "x" + w;
        Exactness.Outcome out = Exactness.check(y, u, zOut, -128, 127,
                (i, v) -> Math.max(Exactness.requantBound(v, stage.shift((i / plane) % o, true)),
                        Exactness.requantBound(v, stage.shift((i / plane) % o, false))), what); // side = acc's sign, not u's
        // The exact-equality branch must carry the comparison, or the test would prove nothing.
        assertTrue(out.nearTies() * 20 < out.elements(), what + ": " + out.nearTies() + " of " + out.elements()
                + " elements near a tie");
        return out;
    }

    @Test
    void generalConvolutionMatchesFloatTwin() {
        convCase(1, 2, 3, 8, 17, 23, 3, 2, 1, false, true, false);
        convCase(2, 1, 5, 6, 9, 7, 3, 1, 1, false, false, false);
    }

    @Test
    void pointwiseConvolutionWithTailsMatchesFloatTwin() {
        // 19 output rows (a tail after blocks of 4) and 7 x 9 = 63 columns (a tail after whole vectors).
        convCase(3, 2, 37, 19, 7, 9, 1, 1, 0, false, true, false);
        convCase(4, 1, 128, 64, 5, 5, 1, 1, 0, false, false, false);
    }

    @Test
    void depthwiseGeometriesMatchFloatTwin() {
        int[][] geometries = {{3, 1, 1}, {3, 2, 1}, {5, 1, 2}, {5, 2, 2}, {7, 1, 0}, {5, 1, 0}};
        long seed = 10;
        for (int[] g : geometries) {
            for (int[] size : new int[][] {{11, 13}, {20, 20}, {7, 7}}) {
                if (size[0] + 2 * g[2] < g[0] || size[1] + 2 * g[2] < g[0]) {
                    continue;
                }
                convCase(seed++, 2, 9, 9, size[0], size[1], g[0], g[1], g[2], true, seed % 2 == 0, false);
            }
        }
    }

    @Test
    void depthwiseScalarTwinMatchesFloatTwin() {
        convCase(40, 1, 6, 6, 10, 12, 3, 2, 1, true, true, true);
        convCase(41, 1, 6, 6, 5, 5, 5, 1, 0, true, false, true);
    }

    @Test
    void depthwiseVectorKernelEqualsScalarTwin() {
        Random r = new Random(50);
        for (int[] g : new int[][] {{3, 1, 1}, {3, 2, 1}, {5, 2, 2}, {7, 1, 3}, {5, 1, 0}}) {
            int c = 5;
            int h = 6 + r.nextInt(30);
            int w = 6 + r.nextInt(30);
            byte[] x = Int8Fixtures.codes(r, 2 * c * h * w);
            byte[] wq = Int8Fixtures.weights(r, c * g[0] * g[0]);
            OutputStage stage = OutputStage.prelu(new double[] {0.01, 0.02, 0.003, 0.04, 0.005},
                    new double[] {0.001, -0.002, 0.0003, 0.004, 0.0}, r.nextInt(256) - 128);
            Int8DepthwiseConv2d dw = new Int8DepthwiseConv2d(wq, Int8Fixtures.bias(r, c, 5000), c, g[0], g[0],
                    new int[] {g[1], g[1]}, new int[] {g[2], g[2]}, r.nextInt(256) - 128, stage);
            assertArrayEquals(dw.forwardScalar(x, 2, h, w), dw.forwardVector(x, 2, h, w),
                    "depthwise " + g[0] + "x" + g[0] + " s" + g[1] + " on " + h + "x" + w);
        }
    }

    @Test
    void gemmVectorKernelEqualsScalarTwinIncludingExtremes() {
        Random r = new Random(60);
        for (int[] dims : new int[][] {{1, 1, 1}, {5, 3, 17}, {19, 37, 63}, {64, 128, 25}, {4, 300, 1600}}) {
            int o = dims[0];
            int k = dims[1];
            int p = dims[2];
            short[] w = new short[o * k];
            short[] x = new short[k * p];
            for (int i = 0; i < w.length; i++) {
                w[i] = (short) (i % 7 == 0 ? -128 : r.nextInt(255) - 127);
            }
            for (int i = 0; i < x.length; i++) {
                x[i] = (short) (i % 5 == 0 ? 255 : r.nextInt(511) - 255); // |x - z| reaches 255
            }
            int[] a = new int[o * p];
            int[] b = new int[o * p];
            Int8Gemm.vector(w, x, a, o, k, p);
            Int8Gemm.scalar(w, x, b, o, k, p);
            assertArrayEquals(b, a, "GEMM " + o + "x" + k + "x" + p);
        }
    }
}
