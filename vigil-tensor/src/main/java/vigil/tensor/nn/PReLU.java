package vigil.tensor.nn;

import java.util.Arrays;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Activations;

/**
 * Leaky ReLU with learned slopes, as torch.nn.PReLU: parameter "weight" [numParameters], either one
 * slope shared by all channels (1) or one per channel (dim 1 of x); every slope starts at init
 * (PyTorch's default 0.25).
 */
public final class PReLU extends Module implements Layer {
    private final Tensor weight;

    public PReLU() {
        this(1, 0.25f);
    }

    public PReLU(int numParameters) {
        this(numParameters, 0.25f);
    }

    public PReLU(int numParameters, float init) {
        if (numParameters <= 0) {
            throw new IllegalArgumentException("PReLU: num_parameters must be positive, got " + numParameters);
        }
        float[] slopes = new float[numParameters];
        Arrays.fill(slopes, init);
        this.weight = registerParameter("weight", Tensor.of(slopes, numParameters));
    }

    public Tensor weight() {
        return weight;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Activations.prelu(x, weight);
    }
}
