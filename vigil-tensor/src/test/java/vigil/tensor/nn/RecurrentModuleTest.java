package vigil.tensor.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.RecurrentConfig;
import vigil.tensor.ops.RecurrentOutput;

/** The RNN / GRU / LSTM modules: PyTorch's parameter names, its default init, and PyTorch weights loading unchanged. */
class RecurrentModuleTest {

    /** 0.5 * sin(0.7 * i + c) at flat index i, as the PyTorch generator of the expected values filled its inputs. */
    private static Tensor fill(double c, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (0.5 * Math.sin(0.7 * i + c));
        }
        return t;
    }

    @Test
    void twoLayerBidirectionalGruStateDictMatchesPyTorchNamesOrderAndShapes() {
        // list(torch.nn.GRU(5, 4, num_layers=2, bidirectional=True).state_dict().items()), PyTorch 1.13
        String expected = "weight_ih_l0 [12, 5], weight_hh_l0 [12, 4], bias_ih_l0 [12], bias_hh_l0 [12], "
                + "weight_ih_l0_reverse [12, 5], weight_hh_l0_reverse [12, 4], bias_ih_l0_reverse [12], "
                + "bias_hh_l0_reverse [12], weight_ih_l1 [12, 8], weight_hh_l1 [12, 4], bias_ih_l1 [12], "
                + "bias_hh_l1 [12], weight_ih_l1_reverse [12, 8], weight_hh_l1_reverse [12, 4], "
                + "bias_ih_l1_reverse [12], bias_hh_l1_reverse [12]";
        GRU gru = new GRU(5, RecurrentConfig.gru(4).withLayers(2).withBidirectional(true), new Rng(1));
        List<String> actual = new ArrayList<>();
        gru.stateDict().forEach((k, v) -> actual.add(k + " " + Arrays.toString(v.shape())));
        assertEquals(expected, String.join(", ", actual));
    }

    @Test
    void defaultInitDrawsEveryParameterFromUniformOverOneOverSqrtHidden() {
        // torch.nn.RNNBase.reset_parameters: U(-1/sqrt(H), 1/sqrt(H)) for every weight and bias.
        LSTM lstm = new LSTM(6, RecurrentConfig.lstm(16).withLayers(2), new Rng(3));
        float bound = 0.25f;
        for (Map.Entry<String, Tensor> e : lstm.namedParameters().entrySet()) {
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (float v : e.getValue().data()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            assertTrue(lo >= -bound && hi <= bound, e.getKey() + " spans [" + lo + ", " + hi + "]");
            assertTrue(lo < -0.8f * bound && hi > 0.8f * bound, e.getKey() + " only spans [" + lo + ", " + hi + "]");
        }
    }

    @Test
    void orthogonalRecurrentInitMakesEveryGateBlockOrthonormal() {
        int h = 5;
        GRU gru = new GRU(3, RecurrentConfig.gru(h).withBidirectional(true), new Rng(4));
        gru.initRecurrentOrthogonal(new Rng(5));
        for (String name : new String[] {"weight_hh_l0", "weight_hh_l0_reverse"}) {
            float[] w = gru.stateDict().get(name).data();
            for (int g = 0; g < 3; g++) {
                for (int a = 0; a < h; a++) {
                    for (int b = 0; b < h; b++) {
                        double dot = 0;
                        for (int j = 0; j < h; j++) {
                            dot += (double) w[(g * h + a) * h + j] * w[(g * h + b) * h + j];
                        }
                        assertEquals(a == b ? 1.0 : 0.0, dot, 1e-5, name + " gate " + g + " rows " + a + ", " + b);
                    }
                }
            }
        }
    }

    @Test
    void lstmWithPyTorchWeightsMatchesPyTorchOnPackedSequences() {
        // From /usr/bin/python3 with torch 1.13: nn.LSTM(2, 2, bidirectional=True), its k-th parameter
        // (named_parameters order) filled with c = 1 + 0.5 k; x = fill(0.5) [T=3, N=2, I=2],
        // h0 = fill(0.6), c0 = fill(0.7); pack_padded_sequence(x, [1, 3], enforce_sorted=False), then
        // pad_packed_sequence(total_length=3).
        float[] y = {
            -0.077962f, 0.048022f, 0.102889f, -0.027420f, -0.107332f, 0.029417f, 0.148347f, 0.188246f,
            0.000000f, 0.000000f, 0.000000f, 0.000000f, -0.301837f, -0.250023f, 0.119699f, 0.163168f,
            0.000000f, 0.000000f, 0.000000f, 0.000000f, -0.338337f, -0.140794f, 0.046050f, 0.019669f};
        float[] hN = {-0.077962f, 0.048022f, -0.338337f, -0.140794f, 0.102889f, -0.027420f, 0.148347f, 0.188246f};
        float[] cN = {-0.181934f, 0.089466f, -0.715659f, -0.228944f, 0.159606f, -0.049191f, 0.243748f, 0.307007f};
        LSTM lstm = new LSTM(2, RecurrentConfig.lstm(2).withBidirectional(true), new Rng(6));
        Map<String, Tensor> state = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, Tensor> e : lstm.stateDict().entrySet()) {
            state.put(e.getKey(), fill(1 + 0.5 * k++, e.getValue().shape()));
        }
        lstm.loadStateDict(state, true);
        RecurrentOutput out = lstm.forward(fill(0.5, 3, 2, 2), fill(0.6, 2, 2, 2), fill(0.7, 2, 2, 2), new int[] {1, 3});
        assertArrayEquals(y, out.y().data(), 1e-5f);
        assertArrayEquals(hN, out.hN().data(), 1e-5f);
        assertArrayEquals(cN, out.cN().data(), 1e-5f);
    }

    @Test
    void rnnModuleRejectsAGruConfig() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RNN(3, RecurrentConfig.gru(4), new Rng(7)));
        assertEquals("RNN needs a RNN config, got GRU", e.getMessage());
    }
}
