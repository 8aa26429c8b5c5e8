package vigil.cli.example;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.AdaptiveAvgPool2d;
import vigil.tensor.nn.BatchNorm2d;
import vigil.tensor.nn.Conv2d;
import vigil.tensor.nn.Flatten;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.Module;
import vigil.tensor.nn.ReLU;
import vigil.tensor.nn.Sequential;

/**
 * A small MobileNet-style classifier: a 3x3 stem, then depthwise-separable blocks (3x3 depthwise
 * conv + BN + ReLU, 1x1 pointwise conv + BN + ReLU), global average pooling and a linear head.
 *
 * <pre>
 * x [N, C, 28, 28] -> stem [N, w, 28, 28] -> block s2 [N, 2w, 14, 14] -> block [N, 2w, 14, 14]
 *   -> block s2 [N, 4w, 7, 7] -> block [N, 4w, 7, 7] -> pool [N, 4w] -> logits [N, classes]
 * </pre>
 */
public final class SeparableCnn extends Module implements Layer {
    private final Sequential body;

    public SeparableCnn(int inChannels, int width, int classes, Rng rng) {
        body = registerModule("body", new Sequential(
                new Conv2d(inChannels, width, 3, 1, 1, 1, 1, false, rng), new BatchNorm2d(width), new ReLU(),
                separable(width, 2 * width, 2, rng),
                separable(2 * width, 2 * width, 1, rng),
                separable(2 * width, 4 * width, 2, rng),
                separable(4 * width, 4 * width, 1, rng),
                new AdaptiveAvgPool2d(1), new Flatten(),
                new Linear(4 * width, classes, rng)));
    }

    private static Sequential separable(int in, int out, int stride, Rng rng) {
        return new Sequential(
                new Conv2d(in, in, 3, stride, 1, 1, in, false, rng), new BatchNorm2d(in), new ReLU(),
                new Conv2d(in, out, 1, 1, 0, 1, 1, false, rng), new BatchNorm2d(out), new ReLU());
    }

    @Override
    public Tensor forward(Tensor x) {
        return body.forward(x);
    }
}
