package vigil.liveness.passive;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Module;
import vigil.tensor.nn.Sequential;

/**
 * MiniFASNet's Residual / ResidualSE stage: stride-1 residual {@link DepthWiseBlock}s under
 * "model.0", "model.1", ...; in the SE variants only the stage's last block carries squeeze-excitation.
 *
 * <p>Block i reads the keep table from {@code first + 3 i}: widths keep[j], keep[j+1], keep[j+2],
 * keep[j+3], so consecutive blocks share their boundary width. x: [N, C, H, W] -> y: [N, C, H, W].
 */
final class ResidualStage extends Module implements Layer, KeepsOutput {
    private final Sequential model;

    ResidualStage(int[] keep, int first, int blocks, boolean squeezeExcite, Rng rng) {
        this.model = registerModule("model", new Sequential());
        for (int i = 0; i < blocks; i++) {
            int j = first + 3 * i;
            boolean se = squeezeExcite && i == blocks - 1;
            model.add(new DepthWiseBlock(keep[j], keep[j + 1], keep[j + 2], keep[j + 3], 1, true, se, rng));
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        return model.forward(x);
    }

    // each block keeps its own output buffer, so block i + 1 reads block i's while writing its own
    @Override
    public Tensor forwardKeeping(Tensor x) {
        Tensor h = x;
        for (Layer block : model.layers()) {
            h = ((DepthWiseBlock) block).forwardKeeping(h);
        }
        return h;
    }
}
