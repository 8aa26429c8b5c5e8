package vigil.liveness.blink;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.AdaptiveAvgPool2d;
import vigil.tensor.nn.BatchNorm2d;
import vigil.tensor.nn.Conv2d;
import vigil.tensor.nn.Flatten;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.Module;
import vigil.tensor.nn.ReLU;
import vigil.tensor.nn.Sequential;

/**
 * The eye-state CNN: a small depthwise-separable network that reads one grey, standardised eye
 * crop and gives a closure logit (sigmoid = probability that the eye is closed) and a short
 * feature vector (the pooled activations) for the sequence model.
 *
 * <pre>
 * x [N, 1, 24, 24] -> stem 3x3 [N, 8, 24, 24] -> sep s2 [N, 16, 12, 12] -> sep s2 [N, 24, 6, 6]
 *   -> sep [N, 24, 6, 6] -> global avg pool: features [N, 24] -> linear: closure logit [N, 1]
 * </pre>
 * Layers (all with engine goldens): conv2d plain/depthwise/pointwise, batch_norm2d, relu,
 * adaptive_avg_pool2d, linear.
 */
public final class EyeStateCnn extends Module {
    public static final int CROP = 24;
    public static final int FEATURES = 24;

    private final Sequential body;
    private final Linear head;

    public EyeStateCnn(Rng rng) {
        body = registerModule("body", new Sequential(
                new Conv2d(1, 8, 3, 1, 1, 1, 1, false, rng), new BatchNorm2d(8), new ReLU(),
                separable(8, 16, 2, rng),
                separable(16, 24, 2, rng),
                separable(24, FEATURES, 1, rng),
                new AdaptiveAvgPool2d(1), new Flatten()));
        head = registerModule("head", new Linear(FEATURES, 1, rng));
    }

    private static Sequential separable(int in, int out, int stride, Rng rng) {
        return new Sequential(
                new Conv2d(in, in, 3, stride, 1, 1, in, false, rng), new BatchNorm2d(in), new ReLU(),
                new Conv2d(in, out, 1, 1, 0, 1, 1, false, rng), new BatchNorm2d(out), new ReLU());
    }

    /** Pooled features [N, FEATURES] of crops x [N, 1, CROP, CROP]. */
    public Tensor features(Tensor x) {
        return body.forward(x);
    }

    /** Closure logits [N, 1] from features [N, FEATURES]. */
    public Tensor closureLogit(Tensor features) {
        return head.forward(features);
    }

    /** Closure logits [N, 1] of crops x [N, 1, CROP, CROP]. */
    public Tensor forward(Tensor x) {
        return closureLogit(features(x));
    }
}
