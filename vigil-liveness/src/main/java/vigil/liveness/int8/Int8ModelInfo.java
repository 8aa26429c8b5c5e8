package vigil.liveness.int8;

import java.util.OptionalDouble;
import vigil.liveness.passive.MiniFasNetSpec;
import vigil.liveness.passive.MiniFasNetVariant;

/**
 * What an int8 MiniFASNet file says about its model: the architecture (variant, input size, classes,
 * embedding), the crop scale the pipeline uses it with, how its activation ranges were obtained, and
 * the float model it was quantized from.
 */
public record Int8ModelInfo(MiniFasNetVariant variant, int inputHeight, int inputWidth, int classes, int embedding,
                            OptionalDouble cropScale, String calibration, String source) {

    public MiniFasNetSpec spec() {
        return new MiniFasNetSpec(cropScale, inputHeight, inputWidth, variant);
    }

    /** "2.7" or "org", as in the Silent-Face file names. */
    public String cropScaleText() {
        return cropScale.isPresent() ? Double.toString(cropScale.getAsDouble()) : "org";
    }
}
