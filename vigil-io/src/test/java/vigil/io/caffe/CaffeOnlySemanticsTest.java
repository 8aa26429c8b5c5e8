package vigil.io.caffe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.init.Init;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Conv2dOp;
import vigil.tensor.ops.Views;

/**
 * Layer behaviours that OpenCV cannot check (it lacks them or the fixture generator cannot feed it
 * weights), each against a reference computed independently in the test: hand arithmetic, an
 * identity the layer must satisfy, or the engine op called with the parameters written out.
 */
class CaffeOnlySemanticsTest {
    private final Rng rng = new Rng(7);

    private Tensor normal(int... shape) {
        return Init.normal(Tensor.zeros(shape), 0f, 1f, rng);
    }

    @Test
    void permuteCompletesAShortOrderWithTheRemainingAxes() throws Exception {
        CaffeNet net = TestNets.build("""
                input: "x"
                layer { name: "p" type: "Permute" bottom: "x" top: "y" permute_param { order: 0 order: 3 } }
                """);
        Tensor x = Tensor.arange(24).reshape(1, 2, 3, 4);
        Tensor y = net.forward(x, "y");
        assertArrayEquals(new int[] {1, 4, 2, 3}, y.shape());
        assertArrayEquals(Views.contiguous(x.permute(0, 3, 1, 2)).data(), y.data());
    }

    @Test
    void priorBoxUsesAnExplicitImageSize() throws Exception {
        CaffeNet net = TestNets.build("""
                input: "f"
                input: "img"
                layer { name: "pb" type: "PriorBox" bottom: "f" bottom: "img" top: "p"
                  prior_box_param { min_size: 10 img_size: 100 variance: 0.1 variance: 0.1 variance: 0.2
                    variance: 0.2 } }
                """);
        Tensor p = net.forward(Map.of("f", Tensor.zeros(1, 1, 1, 2), "img", Tensor.zeros(1, 3, 7, 9)), "p");
        // step = 100 / feature size: 100 along y (1 cell), 50 along x (2 cells); centres (25, 50), (75, 50)
        float[] want = {0.2f, 0.45f, 0.3f, 0.55f, 0.7f, 0.45f, 0.8f, 0.55f,
            0.1f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0.2f, 0.2f};
        assertArrayEquals(new int[] {1, 2, 8}, p.shape());
        Close.assertClose(want, p.data(), 1e-7, 0, "priors");
    }

    @Test
    void batchNormDividesTheStoredStatisticsByTheScaleFactor() throws Exception {
        CaffeNet net = TestNets.build("""
                input: "x"
                layer { name: "bn" type: "BatchNorm" bottom: "x" top: "y" batch_norm_param { eps: 0.001 } }
                """, Map.of("bn", List.of(Tensor.of(new float[] {2, 4}, 2), Tensor.of(new float[] {8, 18}, 2),
                Tensor.of(new float[] {2}, 1))));
        Tensor y = net.forward(Tensor.of(new float[] {3, 0, 5, 2}, 1, 2, 1, 2), "y");
        // mean (1, 2), variance (4, 9)
        double[] want = {2 / Math.sqrt(4.001), -1 / Math.sqrt(4.001), 3 / Math.sqrt(9.001), 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(want[i], y.data()[i], 1e-6, "element " + i);
        }
    }

    @Test
    void batchNormWithAZeroScaleFactorUsesZeroStatistics() throws Exception {
        CaffeNet net = TestNets.build("""
                input: "x"
                layer { name: "bn" type: "BatchNorm" bottom: "x" top: "y" batch_norm_param { eps: 0.25 } }
                """, Map.of("bn", List.of(Tensor.of(new float[] {5}, 1), Tensor.of(new float[] {7}, 1),
                Tensor.of(new float[] {0}, 1))));
        assertArrayEquals(new float[] {2, -4}, net.forward(Tensor.of(new float[] {1, -2}, 1, 1, 1, 2), "y").data());
    }

    @Test
    void batchNormWithoutGlobalStatsNormalisesWithTheInputsStatistics() throws Exception {
        CaffeNet net = TestNets.build("""
                input: "x"
                layer { name: "bn" type: "BatchNorm" bottom: "x" top: "y"
                  batch_norm_param { use_global_stats: false eps: 0 } }
                """, Map.of("bn", List.of(Tensor.zeros(1), Tensor.ones(1), Tensor.ones(1))));
        // values 1, 3, 5, 7: mean 4, biased variance 5
        Tensor y = net.forward(Tensor.of(new float[] {1, 3, 5, 7}, 1, 1, 2, 2), "y");
        double sd = Math.sqrt(5);
        Close.assertClose(new float[] {(float) (-3 / sd), (float) (-1 / sd), (float) (1 / sd), (float) (3 / sd)},
                y.data(), 1e-6, 0, "batch statistics");
    }

    @Test
    void scaleTakesItsFactorsFromASecondBottom() throws Exception {
        CaffeNet net = TestNets.build("""
                input: "x"
                input: "s"
                layer { name: "sc" type: "Scale" bottom: "x" bottom: "s" top: "y" scale_param { bias_term: true } }
                """, Map.of("sc", List.of(Tensor.of(new float[] {1, 10}, 2))));
        Tensor y = net.forward(Map.of("x", Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2),
                "s", Tensor.of(new float[] {2, -1}, 2)), "y");
        assertArrayEquals(new float[] {3, 5, 7, 6}, y.data());
    }

    @Test
    void convolutionReadsSplitKernelStridePadAndDilation() throws Exception {
        Tensor w = normal(4, 1, 1, 3);
        Tensor b = normal(4);
        CaffeNet net = TestNets.build("""
                input: "x"
                layer { name: "c" type: "Convolution" bottom: "x" top: "y"
                  convolution_param { num_output: 4 kernel_h: 1 kernel_w: 3 stride_h: 2 stride_w: 1 pad_h: 0
                    pad_w: 2 dilation: 2 group: 2 } }
                """, Map.of("c", List.of(w, b)));
        Tensor x = normal(1, 2, 5, 6);
        Tensor want = Conv2dOp.conv2d(x, w, b, new int[] {2, 1}, new int[] {0, 2}, new int[] {2, 2}, 2);
        Close.assertClose(want, net.forward(x, "y"), 0, 0, "convolution");
    }

    /**
     * A deconvolution is the adjoint of the convolution with the same weights: <deconv(x), y> equals
     * <x, conv(y)> for every x and y (without bias), the identity that defines it.
     */
    @Test
    void deconvolutionIsTheAdjointOfConvolution() throws Exception {
        Tensor w = normal(4, 3, 3, 3);   // [in 4, out 6 / group 2, 3, 3]
        CaffeNet net = TestNets.build("""
                input: "x"
                layer { name: "d" type: "Deconvolution" bottom: "x" top: "y"
                  convolution_param { num_output: 6 kernel_size: 3 stride: 2 pad: 1 dilation: 2 group: 2
                    bias_term: false } }
                """, Map.of("d", List.of(w)));
        Tensor x = normal(2, 4, 3, 4);
        Tensor y = net.forward(x, "y");
        // Ho = 2 (3 - 1) + 2 (3 - 1) + 1 - 2 = 7, Wo = 2 (4 - 1) + 4 + 1 - 2 = 9
        assertArrayEquals(new int[] {2, 6, 7, 9}, y.shape());
        Tensor probe = normal(2, 6, 7, 9);
        Tensor convolved = Conv2dOp.conv2d(probe, w, null, new int[] {2, 2}, new int[] {1, 1}, new int[] {2, 2}, 2);
        assertEquals(dot(x, convolved), dot(y, probe), 1e-4 * Math.abs(dot(x, convolved)) + 1e-4);
    }

    @Test
    void deconvolutionAddsItsBiasPerOutputChannel() throws Exception {
        CaffeNet net = TestNets.build("""
                input: "x"
                layer { name: "d" type: "Deconvolution" bottom: "x" top: "y"
                  convolution_param { num_output: 2 kernel_size: 2 stride: 2 } }
                """, Map.of("d", List.of(Tensor.zeros(1, 2, 2, 2), Tensor.of(new float[] {0.5f, -3}, 2))));
        Tensor y = net.forward(Tensor.ones(1, 1, 1, 1), "y");
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f, -3, -3, -3, -3}, y.data());
    }

    private static double dot(Tensor a, Tensor b) {
        double s = 0;
        float[] x = a.data();
        float[] y = b.data();
        for (int i = 0; i < x.length; i++) {
            s += (double) x[i] * y[i];
        }
        return s;
    }
}
