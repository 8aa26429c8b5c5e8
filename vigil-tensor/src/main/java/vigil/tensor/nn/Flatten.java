package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Views;

/** Flattens every dimension from 1 on, as torch.nn.Flatten(): [N, d1, d2, ...] -> [N, d1 * d2 * ...]. */
public final class Flatten extends Module implements Layer {
    @Override
    public Tensor forward(Tensor x) {
        return Views.flatten(x, 1);
    }
}
