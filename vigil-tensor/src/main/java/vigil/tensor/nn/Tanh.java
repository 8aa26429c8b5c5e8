package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Activations;

/** tanh(x) elementwise, as torch.nn.Tanh. */
public final class Tanh extends Module implements Layer {
    @Override
    public Tensor forward(Tensor x) {
        return Activations.tanh(x);
    }
}
