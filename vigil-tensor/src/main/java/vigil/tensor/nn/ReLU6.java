package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Activations;

/** min(max(x, 0), 6) elementwise, as torch.nn.ReLU6. */
public final class ReLU6 extends Module implements Layer {
    @Override
    public Tensor forward(Tensor x) {
        return Activations.relu6(x);
    }
}
