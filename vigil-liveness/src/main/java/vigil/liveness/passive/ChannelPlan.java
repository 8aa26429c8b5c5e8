package vigil.liveness.passive;

/**
 * The two channel-width ("keep") tables of MiniFASNet, as the reference names them: 49 widths each,
 * read by the model in a fixed pattern (see {@link MiniFasNet}). They are the widths left after the
 * authors pruned a 1.8M-parameter network; "1.8M_" keeps other widths in conv_3 and conv_4.
 */
enum ChannelPlan {
    M1_8("1.8M", new int[] {
        32, 32, 103, 103, 64, 13, 13, 64, 26, 26,
        64, 13, 13, 64, 52, 52, 64, 231, 231, 128,
        154, 154, 128, 52, 52, 128, 26, 26, 128, 52,
        52, 128, 26, 26, 128, 26, 26, 128, 308, 308,
        128, 26, 26, 128, 26, 26, 128, 512, 512}),
    M1_8_ALT("1.8M_", new int[] {
        32, 32, 103, 103, 64, 13, 13, 64, 13, 13,
        64, 13, 13, 64, 13, 13, 64, 231, 231, 128,
        231, 231, 128, 52, 52, 128, 26, 26, 128, 77,
        77, 128, 26, 26, 128, 26, 26, 128, 308, 308,
        128, 26, 26, 128, 26, 26, 128, 512, 512});

    /** Entries in each table. */
    static final int LENGTH = 49;

    private final String referenceName;
    private final int[] keep;

    ChannelPlan(String referenceName, int[] keep) {
        this.referenceName = referenceName;
        this.keep = keep;
    }

    /** The key of the reference's keep_dict. */
    String referenceName() {
        return referenceName;
    }

    /** A copy of the 49 widths. */
    int[] keep() {
        return keep.clone();
    }
}
