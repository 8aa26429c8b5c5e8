package vigil.tensor.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/**
 * BatchNorm1d/2d modules against PyTorch 1.13. Expected numbers were produced with /usr/bin/python3:
 * x = (torch.arange(16.) * 0.37 - 2).pow(2).reshape(2,2,2,2) - 1.5; bn = torch.nn.BatchNorm2d(2);
 * y = bn(x); bn(x * 2); bn.eval(); bn(x)  -- and for 1d: torch.nn.BatchNorm1d(3, momentum=0.3) on X1.
 */
class BatchNormModuleTest {
    private static final float TOL = 1e-5f;

    private static final float[] X = {2.5f, 1.1568999290466309f, 0.0875999927520752f, -0.7079000473022461f,
        -1.229599952697754f, -1.4774999618530273f, -1.4515999555587769f, -1.151899814605713f,
        -0.5783999562263489f, 0.2688997983932495f, 1.3900001049041748f, 2.784900665283203f,
        4.4536004066467285f, 6.39609956741333f, 8.612401962280273f, 11.102500915527344f};

    private static Tensor x2d(float scale) {
        float[] d = new float[X.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = X[i] * scale;
        }
        return Tensor.of(d, 2, 2, 2, 2);
    }

    @Test
    void training2dNormalisesWithBatchStatistics() {
        float[] expected = {1.323789f, 0.2378331f, -0.6267429f, -1.26994f, -0.910686f, -0.9621544f, -0.9567772f,
            -0.894554f, -1.165233f, -0.480154f, 0.4263049f, 1.554143f, 0.2692496f, 0.6725477f, 1.132692f, 1.649682f};
        assertArrayEquals(expected, new BatchNorm2d(2).forward(x2d(1f)).data(), TOL);
    }

    @Test
    void training2dUpdatesRunningStatsAndCountLikePyTorch() {
        BatchNorm2d bn = new BatchNorm2d(2);
        bn.forward(x2d(1f));
        assertArrayEquals(new float[] {0.08627500385046005f, 0.3156750500202179f}, bn.runningMean().data(), TOL);
        assertArrayEquals(new float[] {1.0748162269592285f, 3.551313877105713f}, bn.runningVar().data(), TOL);
        bn.forward(x2d(2f));
        assertArrayEquals(new float[] {0.25019749999046326f, 0.9154576063156128f}, bn.runningMean().data(), TOL);
        assertArrayEquals(new float[] {1.6665996313095093f, 13.801438331604004f}, bn.runningVar().data(), 1e-4f);
        assertEquals(2L, bn.batchesTracked());
    }

    @Test
    void eval2dUsesRunningStatsAndLeavesThemUnchanged() {
        BatchNorm2d bn = new BatchNorm2d(2);
        bn.forward(x2d(1f));
        bn.forward(x2d(2f));
        bn.eval();
        float[] expected = {1.742719f, 0.7023407f, -0.1259497f, -0.7421519f, -0.5773998f, -0.6441287f, -0.6371571f,
            -0.5564848f, -0.6418398f, 0.01448698f, 0.8829024f, 1.963406f, 0.9523861f, 1.475262f, 2.071839f,
            2.742116f};
        assertArrayEquals(expected, bn.forward(x2d(1f)).data(), TOL);
        assertArrayEquals(new float[] {0.25019749999046326f, 0.9154576063156128f}, bn.runningMean().data(), TOL);
        assertEquals(2L, bn.batchesTracked());
    }

    @Test
    void training1dWithMomentumMatchesPyTorch() {
        Tensor x1 = Tensor.of(new float[] {1, 2, 3, 4, -5, 6, 0.5f, 8, -9, 2, 2.5f, 1}, 4, 3);
        BatchNorm1d bn = new BatchNorm1d(3, 1e-5, 0.3, true);
        float[] expected = {-0.6527515f, 0.02708644f, 0.4885271f, 1.585254f, -1.489754f, 1.021466f, -1.025752f,
            1.327236f, -1.643227f, 0.09325027f, 0.1354322f, 0.1332346f};
        assertArrayEquals(expected, bn.forward(x1).data(), TOL);
        assertArrayEquals(new float[] {0.5625f, 0.5625f, 0.075f}, bn.runningMean().data(), TOL);
        assertArrayEquals(new float[] {1.41875f, 9.21875f, 13.375f}, bn.runningVar().data(), 1e-4f);
    }

    @Test
    void trainingOnOneValuePerChannelIsRejectedAsInPyTorch() {
        assertThrows(ShapeException.class, () -> new BatchNorm1d(3).forward(Tensor.ones(1, 3)));
    }

    @Test
    void inputOfWrongRankNamesTheLayer() {
        ShapeException e = assertThrows(ShapeException.class, () -> new BatchNorm2d(3).forward(Tensor.ones(2, 3)));
        assertEquals(true, e.getMessage().startsWith("BatchNorm2d(3)"), e.getMessage());
    }
}
