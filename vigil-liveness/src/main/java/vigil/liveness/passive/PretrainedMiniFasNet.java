package vigil.liveness.passive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import vigil.io.pth.PthReader;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * A Silent-Face model file loaded as the reference's _load_model does: the architecture from the
 * file name ({@link MiniFasNetSpec}), the variant's default class count, the weights from the .pth
 * state dict with any "module." prefix removed, loaded strictly, in evaluation mode.
 *
 * @param spec what the file name says (scale, input size, variant)
 * @param model the network, weights loaded, in evaluation mode
 */
public record PretrainedMiniFasNet(MiniFasNetSpec spec, MiniFasNet model) {

    /**
     * Reads {@code file}. Throws IOException (PthFormatException) for an unreadable or malicious
     * checkpoint, IllegalArgumentException for a name that is not SCALE_HxW_TYPE.pth or weights that
     * do not fit the named architecture; every message starts with the file.
     */
    public static PretrainedMiniFasNet load(Path file) throws IOException {
        MiniFasNetSpec spec = MiniFasNetSpec.fromPath(file);
        Map<String, Tensor> state = PthReader.stripModulePrefix(PthReader.read(file));
        // The seed only fills weights that the load then overwrites.
        MiniFasNet model = MiniFasNet.create(spec, new Rng(0));
        model.loadPretrained(state, file.toString());
        return new PretrainedMiniFasNet(spec, model);
    }

    /** Softmax of the model on crops x: [N, 3, H, W] BGR 0..255 -> [N, classes]. */
    public Tensor probabilities(Tensor x) {
        return model.probabilities(x);
    }
}
