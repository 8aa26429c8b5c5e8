package vigil.liveness.blink;

/**
 * What the trained eye-state CNN says about synthetic eyes, tabulated so that thousands of
 * training sequences can be drawn without running the CNN again: for each source face (one
 * real open-eye pair), each eye, each closure level of {@link #LEVELS} and each jittered variant,
 * the CNN's closure probability; and each eye's open aspect ratio from the landmarks.
 */
public record EyeStateBank(float[] probabilities, float[] openEar, int sources, int variants) {
    /** Closure levels the synthesiser rendered (0 open, 1 closed). */
    public static final float[] LEVELS = {0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f};

    public EyeStateBank {
        if (probabilities.length != sources * 2 * LEVELS.length * variants || openEar.length != sources * 2) {
            throw new IllegalArgumentException("eye-state bank sizes do not match " + sources + " sources x "
                    + variants + " variants");
        }
    }

    public static int index(int source, int eye, int level, int variant, int variants) {
        return ((source * 2 + eye) * LEVELS.length + level) * variants + variant;
    }

    public float probability(int source, int eye, int level, int variant) {
        return probabilities[index(source, eye, level, variant, variants)];
    }

    public float openEar(int source, int eye) {
        return openEar[source * 2 + eye];
    }
}
