package vigil.liveness.model;

import java.util.List;
import vigil.liveness.passive.MiniFasNetVariant;

/** Builds the multi-task liveness models by name (the names a training config uses). */
public final class LivenessModels {
    public static final List<String> NAMES = List.of("minifasnet-v1", "minifasnet-v2", "minifasnet-v1se",
            "minifasnet-v2se", "mobilenet-v2");

    private LivenessModels() {
    }

    /** A freshly initialised model; throws IllegalArgumentException naming the choices for an unknown name. */
    public static MultiTaskModel create(String name, ModelOptions options) {
        return switch (name) {
            case "minifasnet-v1" -> new MiniFasNetMultiTask(name, MiniFasNetVariant.V1, options);
            case "minifasnet-v2" -> new MiniFasNetMultiTask(name, MiniFasNetVariant.V2, options);
            case "minifasnet-v1se" -> new MiniFasNetMultiTask(name, MiniFasNetVariant.V1SE, options);
            case "minifasnet-v2se" -> new MiniFasNetMultiTask(name, MiniFasNetVariant.V2SE, options);
            case "mobilenet-v2" -> new MobileNetV2MultiTask(name, options);
            default -> throw new IllegalArgumentException("unknown liveness model '" + name + "': expected one of " + NAMES);
        };
    }

    /** The factory name of a MiniFASNet variant ("minifasnet-v1se" for V1SE). */
    public static String nameOf(MiniFasNetVariant variant) {
        return "minifasnet-" + variant.name().toLowerCase(java.util.Locale.ROOT);
    }
}
