package vigil.liveness.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import vigil.io.pth.PthReader;
import vigil.liveness.passive.MiniFasNet;
import vigil.liveness.passive.MiniFasNetSpec;
import vigil.tensor.Tensor;

/**
 * Starting points for fine-tuning: a multi-task MiniFASNet whose backbone and live head are a
 * Silent-Face checkpoint's, with the requested extra heads freshly initialised.
 */
public final class FineTune {
    private FineTune() {
    }

    /**
     * A Silent-Face model file and the multi-task model built from it.
     *
     * @param spec  what the file name says (crop scale, input size, variant): train on crops made the same way
     * @param model the model, in training mode, backbone frozen for the requested steps
     */
    public record Start(MiniFasNetSpec spec, MiniFasNetMultiTask model) {
    }

    /**
     * Loads {@code pth} (e.g. shared/models/silent-face/2.7_80x80_MiniFASNetV2.pth) as
     * {@link vigil.liveness.passive.PretrainedMiniFasNet} does (architecture from the file name, strict
     * load), into the "model." part of a multi-task MiniFASNet. The input size, the variant and the live
     * head (its class count: 3, or 4 for V2SE; live = class 1) come from the file; from heads only
     * spoofTypes, fourier, depth, mapHeadWidth, dropout and seed are used. The backbone is frozen for
     * the first freezeSteps training steps (0 = train everything from the start).
     */
    public static Start fromSilentFace(Path pth, ModelOptions heads, long freezeSteps) throws IOException {
        MiniFasNetSpec spec = MiniFasNetSpec.fromPath(pth);
        Map<String, Tensor> state = PthReader.stripModulePrefix(PthReader.read(pth));
        ModelOptions o = heads.withInput(spec.inputHeight(), spec.inputWidth())
                .withLiveOutputs(spec.variant().defaultClasses()).withEmbedding(MiniFasNet.DEFAULT_EMBEDDING);
        MiniFasNetMultiTask model = new MiniFasNetMultiTask(LivenessModels.nameOf(spec.variant()), spec.variant(), o);
        model.miniFasNet().loadPretrained(state, pth.toString());
        model.train(true);
        model.freezeBackboneForSteps(freezeSteps);
        return new Start(spec, model);
    }
}
