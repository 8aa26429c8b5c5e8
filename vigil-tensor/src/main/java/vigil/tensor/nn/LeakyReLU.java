package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Activations;

/** x where x &gt; 0, negativeSlope * x elsewhere, as torch.nn.LeakyReLU (default slope 0.01). */
public final class LeakyReLU extends Module implements Layer {
    private final float negativeSlope;

    public LeakyReLU() {
        this(0.01f);
    }

    public LeakyReLU(float negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    public float negativeSlope() {
        return negativeSlope;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Activations.leakyRelu(x, negativeSlope);
    }
}
