package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.init.Init;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.MatMul;

/**
 * torch.nn.Linear: parameters "weight" [out, in] and "bias" [out] (if enabled), with PyTorch's default
 * init (kaiming_uniform(a = sqrt(5)) for the weight, U(-1/sqrt(in), 1/sqrt(in)) for the bias).
 * x: [..., in] -> y: [..., out].
 */
public final class Linear extends Module implements Layer {
    private final Tensor weight;
    private final Tensor bias;

    public Linear(int in, int out, boolean bias, Rng rng) {
        this.weight = registerParameter("weight", Init.kaimingUniform(Tensor.zeros(out, in), Math.sqrt(5), rng));
        if (bias) {
            float bound = (float) (1.0 / Math.sqrt(in));
            this.bias = registerParameter("bias", Init.uniform(Tensor.zeros(out), -bound, bound, rng));
        } else {
            this.bias = null;
        }
    }

    public Linear(int in, int out, Rng rng) {
        this(in, out, true, rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        return MatMul.linear(x, weight, bias);
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    public Tensor bias() {
        return bias;
    }
}
