package vigil.tensor.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.tensor.testing.GradCheckAssertions.assertPasses;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.SqueezeExcite;

/**
 * nn.SqueezeExcite in evaluation mode against the double-precision reference: forward values and
 * every gradient element for the input and for all of the module's parameters (fc1, fc2 and the
 * batch-norm affine weights). The module's own parameter tensors are passed as the checked inputs,
 * so the gradients read are the ones the module's backward leaves on them.
 */
class SqueezeExciteDoubleGradCheckTest {
    private static final int N = 2;
    private static final int C = 6;
    private static final int REDUCTION = 2;
    private static final int S = C / REDUCTION;
    private static final int H = 3;
    private static final int W = 3;
    // the relu's inputs must stay well beyond the finite-difference step from its kink at 0
    private static final double KINK_MARGIN = 1e-2;

    private final Rng rng = new Rng(41);

    private static double[] toDouble(Tensor t) {
        float[] f = t.data();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    // every parameter and running statistic random, so no term of the reference is trivially 0 or 1
    private SqueezeExcite randomisedModule() {
        SqueezeExcite se = new SqueezeExcite(C, REDUCTION, rng);
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : se.stateDict().entrySet()) {
            String key = e.getKey();
            int[] shape = e.getValue().shape();
            if (key.endsWith("running_var")) {
                state.put(key, GradCheck.randomInput(rng, 0.5f, 2f, shape));
            } else if (key.endsWith("bn1.weight") || key.endsWith("bn2.weight")) {
                state.put(key, GradCheck.randomInput(rng, 0.5f, 1.5f, shape));
            } else if (!key.endsWith("num_batches_tracked")) {
                state.put(key, GradCheck.randomInput(rng, -1f, 1f, shape));
            }
        }
        se.loadStateDict(state, false);
        se.eval();
        return se;
    }

    @Test
    void evalGradientsForInputAndAllParameters() {
        SqueezeExcite se = randomisedModule();
        Map<String, Tensor> p = se.namedParameters();
        Map<String, Tensor> state = se.stateDict();
        Tensor x = GradCheck.randomInput(rng, -2f, 2f, N, C, H, W);
        Tensor[] inputs = {x, p.get("fc1.weight"), p.get("bn1.weight"), p.get("bn1.bias"), p.get("fc2.weight"),
            p.get("bn2.weight"), p.get("bn2.bias")};
        SqueezeExciteReference.RunningStats stats = new SqueezeExciteReference.RunningStats(
                toDouble(state.get("bn1.running_mean")), toDouble(state.get("bn1.running_var")),
                toDouble(state.get("bn2.running_mean")), toDouble(state.get("bn2.running_var")));

        double[][] asDouble = new double[inputs.length][];
        for (int k = 0; k < inputs.length; k++) {
            asDouble[k] = toDouble(inputs[k]);
        }
        for (double h : SqueezeExciteReference.hiddenBeforeRelu(asDouble, N, C, H * W, S, stats)) {
            assertTrue(Math.abs(h) > KINK_MARGIN, "relu input " + h + " too near 0: choose another seed");
        }

        // the parameter inputs are the module's own tensors: the engine reads them from the module
        DoubleGradCheck.Result r = DoubleGradCheck.check(t -> new Tensor[] {se.forward(t[0])},
                SqueezeExciteReference.eval(N, C, H * W, S, stats), inputs);
        assertPasses(r);
    }
}
