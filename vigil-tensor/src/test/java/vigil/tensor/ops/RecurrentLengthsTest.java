package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;

/**
 * Variable-length sequences against PyTorch 1.13's packed sequences. The expected values were made
 * with /usr/bin/python3 and torch: pack_padded_sequence(x, lengths, batch_first=True,
 * enforce_sorted=False) through nn.GRU(2, 3, num_layers=2, bidirectional=True, batch_first=True),
 * then pad_packed_sequence(total_length=4); every input is 0.5 * sin(0.7 * i + c) over its flat
 * index i (see {@link #fill}), the k-th parameter in PyTorch's order taking c = 1 + 0.5 k.
 */
class RecurrentLengthsTest {
    private static final float TOL = 1e-5f;
    private static final int[] LENGTHS = {2, 4, 1};

    /** 0.5 * sin(0.7 * i + c) at flat index i, computed in double and rounded to float as the generator did. */
    static Tensor fill(double c, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (0.5 * Math.sin(0.7 * i + c));
        }
        return t;
    }

    private static final float[] Y = {
        0.045485f, -0.132436f, -0.229597f, 0.246588f, 0.464545f, 0.144159f, -0.026717f, -0.493751f, -0.355959f,
        0.150961f, 0.457936f, 0.305856f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f,
        0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.060392f, -0.391498f, -0.196573f,
        0.552243f, 0.277498f, 0.026561f, -0.082429f, -0.652329f, -0.155609f, 0.493520f, 0.365125f, 0.055529f,
        -0.193372f, -0.793706f, -0.046504f, 0.508657f, 0.323609f, -0.022366f, -0.309297f, -0.870923f, 0.104465f,
        0.491847f, 0.200432f, -0.147619f, -0.522089f, -0.691253f, -0.062651f, -0.140139f, 0.122235f, 0.215796f,
        0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f,
        0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f};
    private static final float[] H_N = {
        0.168060f, -0.034553f, 0.592823f, 0.307013f, 0.484484f, 0.596581f, -0.181098f, 0.390802f, 0.366520f,
        0.234778f, 0.414180f, 0.343813f, 0.476275f, 0.220346f, -0.094257f, 0.105363f, -0.249633f, -0.332717f,
        -0.026717f, -0.493751f, -0.355959f, -0.309297f, -0.870923f, 0.104465f, -0.522089f, -0.691253f, -0.062651f,
        0.246588f, 0.464545f, 0.144159f, 0.552243f, 0.277498f, 0.026561f, -0.140139f, 0.122235f, 0.215796f};
    // Gradients of sum(y * fill(0.3)) + sum(h_n * fill(0.4)).
    private static final float[] GRAD_X = {
        -0.111635f, -0.088809f, -0.177691f, -0.165424f, 0.000000f, 0.000000f, 0.000000f, 0.000000f,
        -0.090790f, -0.035497f, -0.053492f, -0.052090f, -0.100514f, -0.117653f, 0.093579f, 0.009744f,
        0.243570f, 0.311625f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f, 0.000000f};
    private static final float[] GRAD_H0 = {
        0.104619f, 0.064717f, 0.109000f, -0.028208f, -0.013844f, 0.000733f, -0.203365f, -0.262493f, -0.143744f,
        0.029387f, 0.134867f, 0.143456f, 0.020726f, 0.030857f, -0.048225f, -0.363562f, -0.344579f, -0.104492f,
        -0.013822f, 0.168122f, 0.096419f, -0.175786f, -0.185377f, -0.137856f, -0.137497f, -0.152930f, -0.262331f,
        0.200079f, 0.173345f, 0.149652f, 0.152668f, 0.057046f, 0.015624f, -0.419232f, -0.280357f, -0.037958f};
    private static final float[] GRAD_WHH_L0_REVERSE = {
        0.016189f, 0.010434f, 0.000979f, 0.000820f, 0.002344f, 0.002527f, 0.000375f, -0.000833f, -0.001344f,
        -0.096013f, -0.098150f, -0.050634f, -0.029947f, -0.028381f, -0.013942f, 0.021083f, 0.016042f, 0.007072f,
        0.058194f, 0.041257f, 0.007499f, 0.039048f, 0.042705f, 0.024687f, -0.026884f, 0.015334f, 0.041687f};

    private final RecurrentConfig cfg = RecurrentConfig.gru(3).withLayers(2).withBidirectional(true).withBatchFirst(true);
    private final Tensor x = fill(0.1, 3, 4, 2).requiresGrad(true);
    private final Tensor h0 = fill(0.2, 4, 3, 3).requiresGrad(true);
    private final List<CellWeights> weights = pytorchOrderedWeights();

    private List<CellWeights> pytorchOrderedWeights() {
        List<CellWeights> w = new ArrayList<>();
        int k = 0;
        for (int layer = 0; layer < 2; layer++) {
            int in = layer == 0 ? 2 : 6;
            for (int d = 0; d < 2; d++, k += 4) {
                w.add(new CellWeights(fill(1 + 0.5 * k, 9, in).requiresGrad(true),
                        fill(1 + 0.5 * (k + 1), 9, 3).requiresGrad(true),
                        fill(1 + 0.5 * (k + 2), 9).requiresGrad(true), fill(1 + 0.5 * (k + 3), 9).requiresGrad(true)));
            }
        }
        return w;
    }

    @Test
    void packedGruOutputsAreZeroPastEachLengthAndFinalStatesAreAtTheLastValidStep() {
        RecurrentOutput out = RecurrentOp.forward(cfg, x, h0, null, weights, LENGTHS);
        assertArrayEquals(Y, out.y().data(), TOL);
        assertArrayEquals(H_N, out.hN().data(), TOL);
    }

    @Test
    void packedGruGradientsMatchPyTorch() {
        RecurrentOutput out = RecurrentOp.forward(cfg, x, h0, null, weights, LENGTHS);
        out.y().mul(fill(0.3, 3, 4, 6)).sum().add(out.hN().mul(fill(0.4, 4, 3, 3)).sum()).backward();
        assertArrayEquals(GRAD_X, x.grad().data(), TOL);
        assertArrayEquals(GRAD_H0, h0.grad().data(), TOL);
        assertArrayEquals(GRAD_WHH_L0_REVERSE, weights.get(1).weightHh().grad().data(), TOL);
    }

    @Test
    void zeroLengthElementKeepsItsInitialStateAndOutputsZeros() {
        // By the padding rule (a padded step keeps the state): with length 0, h_n is h0 and y is all 0.
        RecurrentOutput out = RecurrentOp.forward(cfg, x, h0, null, weights, new int[] {2, 0, 1});
        float[] yOfElement1 = new float[4 * 6];
        System.arraycopy(out.y().data(), 4 * 6, yOfElement1, 0, 4 * 6); // y is [N, T, 2H], batch-first
        assertArrayEquals(new float[4 * 6], yOfElement1, 0f);
        assertArrayEquals(element1(h0.data()), element1(out.hN().data()), 0f);
    }

    @Test
    void lengthBeyondTheSequenceIsRejectedNamingTheOp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecurrentOp.forward(cfg, x, h0, null, weights, new int[] {2, 5, 1}));
        assertEquals("gru: length 5 outside [0, T=4] in [2, 5, 1]", e.getMessage());
    }

    /** The [L*D, H] states of batch element 1 from a [L*D, 3, 3] state. */
    private static float[] element1(float[] state) {
        float[] out = new float[4 * 3];
        for (int k = 0; k < 4; k++) {
            System.arraycopy(state, (k * 3 + 1) * 3, out, k * 3, 3);
        }
        return out;
    }
}
