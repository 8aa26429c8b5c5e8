package vigil.liveness.passive;

import java.util.Map;
import java.util.Optional;
import vigil.tensor.Tensor;

/**
 * The four members of the MiniFASNet family: two channel plans, each with and without
 * squeeze-excitation in the residual stages. The defaults are those of the reference's constructor
 * functions (its pipeline builds every model with them, passing only the conv6 kernel).
 */
public enum MiniFasNetVariant {
    V1("MiniFASNetV1", ChannelPlan.M1_8, false, 0.2f, 3),
    V2("MiniFASNetV2", ChannelPlan.M1_8_ALT, false, 0.2f, 3),
    V1SE("MiniFASNetV1SE", ChannelPlan.M1_8, true, 0.75f, 3),
    V2SE("MiniFASNetV2SE", ChannelPlan.M1_8_ALT, true, 0.75f, 4);

    /** A key whose first dimension tells the two channel plans apart (26 in "1.8M", 13 in "1.8M_"). */
    private static final String PLAN_PROBE = "conv_3.model.1.conv.conv.weight";

    private final String referenceName;
    private final ChannelPlan plan;
    private final boolean squeezeExcite;
    private final float defaultDropout;
    private final int defaultClasses;

    MiniFasNetVariant(String referenceName, ChannelPlan plan, boolean squeezeExcite, float defaultDropout,
                      int defaultClasses) {
        this.referenceName = referenceName;
        this.plan = plan;
        this.squeezeExcite = squeezeExcite;
        this.defaultDropout = defaultDropout;
        this.defaultClasses = defaultClasses;
    }

    /** The reference's class name, as it appears at the end of a model file name ("MiniFASNetV1SE"). */
    public String referenceName() {
        return referenceName;
    }

    /** The keep_dict key of the variant's channel widths ("1.8M" or "1.8M_"). */
    public String channelPlanName() {
        return plan.referenceName();
    }

    /** The 49 channel widths (a copy). */
    public int[] channelWidths() {
        return plan.keep();
    }

    public boolean squeezeExcite() {
        return squeezeExcite;
    }

    /** drop_p of the reference constructor (0.2 plain, 0.75 SE); dropout acts only in training. */
    public float defaultDropout() {
        return defaultDropout;
    }

    /** num_classes of the reference constructor: 3, except 4 for MiniFASNetV2SE. */
    public int defaultClasses() {
        return defaultClasses;
    }

    /** The variant whose reference name is exactly {@code name}, e.g. "MiniFASNetV2". */
    public static MiniFasNetVariant fromReferenceName(String name) {
        for (MiniFasNetVariant v : values()) {
            if (v.referenceName.equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown MiniFASNet type '" + name + "': expected one of "
                + "MiniFASNetV1, MiniFASNetV2, MiniFASNetV1SE, MiniFASNetV2SE");
    }

    /**
     * The variant a state dict (keys without a "module." prefix) appears to hold, judged by the
     * presence of squeeze-excitation keys and one telling width; empty when the keys are not
     * MiniFASNet's. Used to make a refused load say what the file really is.
     */
    public static Optional<MiniFasNetVariant> recognise(Map<String, Tensor> state) {
        Tensor probe = state.get(PLAN_PROBE);
        if (probe == null || probe.rank() != 4) {
            return Optional.empty();
        }
        boolean se = state.keySet().stream().anyMatch(k -> k.contains(".se_module."));
        int width = probe.dim(0);
        for (MiniFasNetVariant v : values()) {
            if (v.squeezeExcite == se && v.plan.keep()[8] == width) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
