package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/**
 * conv2d forward against a naive seven-loop twin that reads the definition literally, over the
 * paths the op dispatches to (unfolded, pointwise, depthwise) and geometries the shared goldens lack.
 */
class Conv2dForwardTest {
    private final Rng rng = new Rng(5);

    // y[n, oc, oy, ox] = bias[oc] + sum over (ci, ky, kx) in oc's group of w * x at the dilated, strided tap
    private static float[] naiveConv(Tensor x, Tensor w, Tensor b, int[] s, int[] p, int[] d, int groups) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        int n = xs[0], h = xs[2], wd = xs[3], o = ws[0], cg = ws[1], kh = ws[2], kw = ws[3];
        int ho = (h + 2 * p[0] - d[0] * (kh - 1) - 1) / s[0] + 1;
        int wo = (wd + 2 * p[1] - d[1] * (kw - 1) - 1) / s[1] + 1;
        float[] y = new float[n * o * ho * wo];
        for (int ni = 0; ni < n; ni++) {
            for (int oc = 0; oc < o; oc++) {
                int group = oc / (o / groups);
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        double acc = b == null ? 0 : b.get(oc);
                        for (int ci = 0; ci < cg; ci++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = oy * s[0] - p[0] + ky * d[0];
                                    int ix = ox * s[1] - p[1] + kx * d[1];
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        acc += w.get(oc, ci, ky, kx) * x.get(ni, group * cg + ci, iy, ix);
                                    }
                                }
                            }
                        }
                        y[((ni * o + oc) * ho + oy) * wo + ox] = (float) acc;
                    }
                }
            }
        }
        return y;
    }

    private void assertMatchesNaive(int[] xShape, int o, int kh, int kw, int[] s, int[] p, int[] d, int groups) {
        Tensor x = GradCheck.randomInput(rng, -1f, 1f, xShape);
        Tensor w = GradCheck.randomInput(rng, -1f, 1f, o, xShape[1] / groups, kh, kw);
        Tensor b = GradCheck.randomInput(rng, -1f, 1f, o);
        float[] expected = naiveConv(x, w, b, s, p, d, groups);
        assertArrayEquals(expected, Conv2dOp.conv2d(x, w, b, s, p, d, groups).data(), 1e-5f);
    }

    @Test
    void unfoldedPathMatchesNaiveWithMixedStridePaddingDilation() {
        assertMatchesNaive(new int[] {2, 3, 9, 7}, 4, 3, 2, new int[] {2, 1}, new int[] {1, 2}, new int[] {1, 2}, 1);
    }

    @Test
    void groupedPointwiseMatchesNaive() {
        assertMatchesNaive(new int[] {2, 6, 4, 5}, 4, 1, 1, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 2);
    }

    @Test
    void depthwiseWithChannelMultiplierMatchesNaive() {
        assertMatchesNaive(new int[] {2, 3, 8, 9}, 6, 3, 3, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, 3);
    }

    @Test
    void depthwiseNonSquareDilatedMatchesNaive() {
        assertMatchesNaive(new int[] {1, 4, 9, 8}, 4, 5, 3, new int[] {1, 2}, new int[] {3, 1}, new int[] {2, 1}, 4);
    }

    @Test
    void groupsThatDoNotDivideChannelsAreRejected() {
        Tensor x = Tensor.zeros(1, 3, 4, 4);
        Tensor w = Tensor.zeros(4, 1, 3, 3);
        int[] one = {1, 1};
        assertThrows(ShapeException.class, () -> Conv2dOp.conv2d(x, w, null, one, one, one, 2));
    }
}
