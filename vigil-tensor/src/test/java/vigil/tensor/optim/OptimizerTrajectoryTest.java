package vigil.tensor.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;

/**
 * Five steps of each optimizer on {@link QuadraticProblem} against torch.optim 1.13 (its script is in
 * that class's comment; values printed with 9 significant digits, i.e. exact float32). Tolerance:
 * none. The updates repeat PyTorch's float32 operation order, including the multiply-adds its
 * vectorized CPU kernels fuse, so parameters and state come out bit-identical; a change to that
 * order shows up here as a difference of an ulp or two.
 */
class OptimizerTrajectoryTest {
    private static final int MAX_ULPS = 0;

    /** Each element of actual within MAX_ULPS float32 ulps of expected. */
    static void assertUlps(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            long ulps = Math.abs((long) Float.floatToIntBits(expected[i]) - Float.floatToIntBits(actual[i]));
            if (ulps > MAX_ULPS) {
                throw new AssertionError(what + " element " + i + ": expected " + expected[i] + ", got " + actual[i]
                        + " (" + ulps + " ulps apart, at most " + MAX_ULPS + ")");
            }
        }
    }

    private static void assertTrajectory(Optimizer opt, QuadraticProblem p, float[] a, float[] b) {
        p.run(opt, 5);
        assertUlps(a, p.a.data(), "parameter a after 5 steps");
        assertUlps(b, p.b.data(), "parameter b after 5 steps");
    }

    @Test
    void sgdWithNesterovMomentumAndWeightDecayMatchesTorch() {
        QuadraticProblem p = new QuadraticProblem();
        Sgd opt = new Sgd(p.params(), 0.1, 0.9, 0, 0.01, true);
        assertTrajectory(opt, p,
                new float[] {-1.06267524f, 0.647510588f, 0.0474567115f, -0.598303318f, -1.26208615f, 0.529960573f},
                new float[] {0.216770113f, -0.226477295f, -0.757739723f, 1.46987927f, -0.1069763f, -0.0372766219f,
                    -0.784312069f, 1.0809418f, 0.537146509f, 0.0381494015f, -0.468017071f, -1.05824625f, 0.92150557f,
                    0.45636633f, -0.598787546f, -0.72206378f, 0.72097832f, 0.141602024f, -0.47636658f, -0.45366177f});
        assertUlps(new float[] {-0.825590909f, -0.400090307f, 0.122242756f, -3.79197025f, -2.35488224f,
            2.37357402f, 3.1459868f, -0.793506026f, -0.255404264f, 0.189281315f, 0.700501442f, 1.29540634f,
            -2.6914866f, -2.09709477f, -1.14682209f, 3.89966631f, 0.410516053f, 0.950062573f, 1.43947196f,
            1.39734137f}, opt.stateDict().get("state.1.momentum_buffer").data(), "momentum buffer of b");
    }

    @Test
    void sgdWithDampenedMomentumMatchesTorch() {
        QuadraticProblem p = new QuadraticProblem();
        assertTrajectory(new Sgd(p.params(), 0.05, 0.8, 0.3, 0, false), p,
                new float[] {-1.19568944f, 0.923187971f, 0.527314484f, 0.0876338184f, -0.392483056f, 0.211854011f},
                new float[] {-0.0481880307f, -0.359722108f, -0.719157755f, 0.138526782f, -0.848058999f, 0.726965785f,
                    0.252777129f, 0.814946532f, 0.449208766f, 0.0978447199f, -0.244410262f, -0.634259522f,
                    0.00815489795f, -0.281329989f, -0.962068379f, 0.530743599f, 0.859722197f, 0.465895712f,
                    0.0293519273f, -0.0161645673f});
    }

    @Test
    void plainSgdMatchesTorch() {
        QuadraticProblem p = new QuadraticProblem();
        assertTrajectory(new Sgd(p.params(), 0.1), p,
                new float[] {-1.19344521f, 0.921269298f, 0.530961871f, 0.105852127f, -0.348099947f, 0.21802561f},
                new float[] {-0.0462693423f, -0.360716879f, -0.717943192f, 0.0707841367f, -0.834032655f, 0.721483827f,
                    0.260735005f, 0.807659149f, 0.444536865f, 0.0967226177f, -0.246054843f, -0.630943775f,
                    -0.0161361676f, -0.31870532f, -0.955335677f, 0.521698296f, 0.86071682f, 0.474397659f,
                    0.0550473966f, -0.0245803762f});
    }

    @Test
    void adamWithDefaultsMatchesTorchIncludingMoments() {
        QuadraticProblem p = new QuadraticProblem();
        Adam opt = new Adam(p.params(), 0.01);
        assertTrajectory(opt, p,
                new float[] {-1.20022249f, 1.01261425f, 0.76256907f, 0.51254946f, 0.262538522f, 0.112430908f},
                new float[] {-0.137614354f, -0.387821734f, -0.735706508f, -0.887524724f, -1.1375289f, 1.07503653f,
                    0.825030148f, 0.674863338f, 0.424433708f, 0.0755662993f, -0.174863398f, -0.424923271f,
                    -0.575036407f, -0.825046182f, -1.07506287f, 1.13752162f, 0.887821734f, 0.637614369f,
                    0.3875691f, 0.137549445f});
        Map<String, Tensor> state = opt.stateDict();
        assertEquals(5L, state.get("state.1.step").longs()[0]);
        assertUlps(new float[] {-0.127590224f, -0.0677580237f, 0.0208339654f, -1.09978461f, -0.315406293f,
            0.377130926f, 0.605218291f, -0.180659473f, -0.0632714555f, 0.0210904833f, 0.108395673f, 0.246900603f,
            -0.628551602f, -0.600696743f, -0.149044156f, 0.626675248f, 0.0677580237f, 0.212650359f, 0.408741564f,
            0.187435195f}, state.get("state.1.exp_avg").data(), "exp_avg of b");
        assertUlps(new float[] {0.000489812228f, 0.000141041135f, 1.57350896e-05f, 0.0360762626f,
            0.00296838093f, 0.00424699346f, 0.0109308911f, 0.00098416605f, 0.000126154133f, 1.40171242e-05f,
            0.000354299758f, 0.00182741764f, 0.0117972018f, 0.0107848775f, 0.000665025029f, 0.0117101353f,
            0.000141041106f, 0.00136058941f, 0.00500459969f, 0.00105037692f}, state.get("state.1.exp_avg_sq").data(),
                "exp_avg_sq of b");
    }

    @Test
    void adamWithL2WeightDecayAndAmsgradMatchesTorch() {
        QuadraticProblem p = new QuadraticProblem();
        Adam opt = new Adam(p.params(), 0.02, 0.8, 0.99, 1e-6, 0.1, true);
        assertTrajectory(opt, p,
                new float[] {-1.15101492f, 0.9632985f, 0.713059723f, 0.462918788f, 0.212830588f, 0.161784858f},
                new float[] {-0.0885402933f, -0.339936137f, -0.689934194f, -0.837707818f, -1.08774543f, 1.02530158f,
                    0.77525562f, 0.723486185f, 0.46617651f, 0.030348029f, -0.223577708f, -0.474241287f,
                    -0.525309861f, -0.775381207f, -1.02547395f, 1.08768547f, 0.839369178f, 0.588411808f,
                    0.338084877f, 0.0879739746f});
        assertUlps(new float[] {0.00481942156f, 0.00176393648f, 5.99495979e-06f, 0.370174915f, 0.0376044773f,
            0.050589148f, 0.116748221f, 0.00614365144f, 0.000464678538f, 0.000141882687f, 0.00272517605f,
            0.0145077221f, 0.12095663f, 0.113773249f, 0.0105340788f, 0.130452007f, 0.0028021934f, 0.0155104389f,
            0.0501449332f, 0.0105340788f}, opt.stateDict().get("state.1.max_exp_avg_sq").data(), "max_exp_avg_sq of b");
    }

    @Test
    void adamWWithDecoupledWeightDecayMatchesTorch() {
        QuadraticProblem p = new QuadraticProblem();
        assertTrajectory(new AdamW(p.params(), 0.01, 0.9, 0.999, 1e-8, 0.05, false), p,
                new float[] {-1.19716775f, 1.01001751f, 0.760592759f, 0.511196017f, 0.261808604f, 0.112225138f},
                new float[] {-0.137197122f, -0.38678807f, -0.73405695f, -0.885234356f, -1.13461459f, 1.07227874f,
                    0.822896004f, 0.67325747f, 0.423463404f, 0.0753086358f, -0.174502358f, -0.423938334f,
                    -0.573526621f, -0.822912872f, -1.07230687f, 1.13460708f, 0.885550082f, 0.635951638f,
                    0.386527956f, 0.137131557f});
    }
}
