package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Activations;

/** x * relu6(x + 3) / 6 elementwise, as torch.nn.Hardswish (MobileNetV3). */
public final class Hardswish extends Module implements Layer {
    @Override
    public Tensor forward(Tensor x) {
        return Activations.hardswish(x);
    }
}
