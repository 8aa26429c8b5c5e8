package vigil.liveness.model;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.BatchNorm2d;
import vigil.tensor.nn.Conv2d;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Module;
import vigil.tensor.nn.ReLU;
import vigil.tensor.nn.Sequential;

/**
 * A dense auxiliary head shaped as Silent-Face's FTGenerator: three 3x3 convolutions (padding 1,
 * with bias) in -> width -> width / 2 -> 1, each followed by batch norm and ReLU, under "ft.0" ...
 * "ft.8" as in MultiFTNet. Used for the Fourier-spectrum map and for the depth map.
 * x: [N, in, h, w] -> [N, 1, h, w] (non-negative).
 */
final class MapHead extends Module implements Layer {
    private final Sequential ft;

    MapHead(int in, int width, Rng rng) {
        int half = Math.max(1, width / 2);
        this.ft = registerModule("ft", new Sequential(
                new Conv2d(in, width, 3, 1, 1, 1, 1, true, rng), new BatchNorm2d(width), new ReLU(),
                new Conv2d(width, half, 3, 1, 1, 1, 1, true, rng), new BatchNorm2d(half), new ReLU(),
                new Conv2d(half, 1, 3, 1, 1, 1, 1, true, rng), new BatchNorm2d(1), new ReLU()));
    }

    @Override
    public Tensor forward(Tensor x) {
        return ft.forward(x);
    }
}
