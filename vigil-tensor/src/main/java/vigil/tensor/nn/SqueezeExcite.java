package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Activations;

/**
 * Squeeze-and-excitation as MiniFASNet's SEModule (minivision-ai/Silent-Face-Anti-Spoofing) builds it:
 * global average pool -> 1x1 conv reduce (fc1, no bias) -> bn1 -> relu -> 1x1 conv expand (fc2, no bias)
 * -> bn2 -> sigmoid, and the input scaled by the resulting per-channel gate.
 * Children keep the original names, so its checkpoints load unchanged; the pool, relu and sigmoid
 * hold no state and are applied as functions. x: [N, C, H, W] -> y: [N, C, H, W].
 */
public final class SqueezeExcite extends Module implements Layer {
    private final Conv2d fc1;
    private final BatchNorm2d bn1;
    private final Conv2d fc2;
    private final BatchNorm2d bn2;

    /** reduction: the squeezed width is channels / reduction (integer division, as in the original). */
    public SqueezeExcite(int channels, int reduction, Rng rng) {
        int squeezed = channels / reduction;
        if (squeezed < 1) {
            throw new IllegalArgumentException("SqueezeExcite(" + channels + ", reduction " + reduction
                    + "): squeezes to no channels");
        }
        this.fc1 = registerModule("fc1", new Conv2d(channels, squeezed, 1, 1, 0, 1, 1, false, rng));
        this.bn1 = registerModule("bn1", new BatchNorm2d(squeezed));
        this.fc2 = registerModule("fc2", new Conv2d(squeezed, channels, 1, 1, 0, 1, 1, false, rng));
        this.bn2 = registerModule("bn2", new BatchNorm2d(channels));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor pooled = x.mean(3, true).mean(2, true); // [N, C, 1, 1]
        Tensor h = Activations.relu(bn1.forward(fc1.forward(pooled)));
        Tensor gate = Activations.sigmoid(bn2.forward(fc2.forward(h)));
        return x.mul(gate);
    }
}
