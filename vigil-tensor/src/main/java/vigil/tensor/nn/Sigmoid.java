package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Activations;

/** 1 / (1 + exp(-x)) elementwise, as torch.nn.Sigmoid. */
public final class Sigmoid extends Module implements Layer {
    @Override
    public Tensor forward(Tensor x) {
        return Activations.sigmoid(x);
    }
}
