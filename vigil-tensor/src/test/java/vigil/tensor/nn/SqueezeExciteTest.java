package vigil.tensor.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * SqueezeExcite against MiniFASNet's SEModule(4, 2) in PyTorch 1.13 (/usr/bin/python3): conv weights
 * set to ((arange(numel) % 5 - 2) * 0.25 + 0.1), x = ((arange(32) % 7 - 3) * 0.5).reshape(2, 4, 2, 2),
 * batch-norm parameters and buffers at their defaults; outputs of se.eval()(x) and se.train()(x).
 */
class SqueezeExciteTest {

    private static SqueezeExcite withPatternWeights() {
        SqueezeExcite se = new SqueezeExcite(4, 2, new Rng(0));
        for (Map.Entry<String, Tensor> e : se.namedParameters().entrySet()) {
            if (e.getKey().startsWith("fc")) {
                float[] d = e.getValue().data();
                for (int i = 0; i < d.length; i++) {
                    d[i] = (i % 5 - 2) * 0.25f + 0.1f;
                }
            }
        }
        return se;
    }

    private static Tensor input() {
        float[] d = new float[32];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i % 7 - 3) * 0.5f;
        }
        return Tensor.of(d, 2, 4, 2, 2);
    }

    @Test
    void evalForwardMatchesPyTorch() {
        SqueezeExcite se = withPatternWeights();
        se.eval();
        float[] expected = {-0.7172088f, -0.4781392f, -0.2390696f, 0.0f, 0.2527342f, 0.5054685f, 0.7582027f,
            -0.7582027f, -0.5327652f, -0.2663826f, 0.0f, 0.2663826f, 0.4917977f, 0.7376965f, -0.7376965f,
            -0.4917977f, -0.2478907f, 0.0f, 0.2478907f, 0.4957814f, 0.7647636f, -0.7647636f, -0.5098424f,
            -0.2549212f, 0.0f, 0.244376f, 0.488752f, 0.733128f, -0.7542187f, -0.5028124f, -0.2514062f, 0.0f};
        assertArrayEquals(expected, se.forward(input()).data(), 1e-5f);
    }

    @Test
    void trainForwardMatchesPyTorch() {
        SqueezeExcite se = withPatternWeights();
        float[] expected = {-0.4035065f, -0.2690043f, -0.1345022f, 0.0f, 0.1345022f, 0.2690043f, 0.4035065f,
            -0.4035065f, -0.7310547f, -0.3655273f, 0.0f, 0.3655273f, 0.2690043f, 0.4035065f, -0.4035065f,
            -0.2690043f, -0.3654978f, 0.0f, 0.3654978f, 0.7309957f, 1.096493f, -1.096493f, -0.7309957f,
            -0.3654978f, 0.0f, 0.1344727f, 0.2689454f, 0.4034181f, -1.096493f, -0.7309957f, -0.3654978f, 0.0f};
        assertArrayEquals(expected, se.forward(input()).data(), 1e-5f);
    }
}
