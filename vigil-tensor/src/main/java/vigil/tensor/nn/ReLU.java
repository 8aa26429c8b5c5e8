package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Activations;

/** max(x, 0) elementwise, as torch.nn.ReLU. */
public final class ReLU extends Module implements Layer {
    @Override
    public Tensor forward(Tensor x) {
        return Activations.relu(x);
    }
}
