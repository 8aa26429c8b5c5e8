package vigil.face.landmark;

/** face-api's two 68-point landmark nets: the full one (4 dense blocks, 357 KB) and the tiny one (3, 77 KB). */
public enum LandmarkNetKind {
    FULL("face_landmark_68_model", new int[] {32, 64, 128, 256}, 7),
    TINY("face_landmark_68_tiny_model", new int[] {32, 64, 128}, 14);

    private final String modelName;
    private final int[] channels;
    private final int poolSize;

    LandmarkNetKind(String modelName, int[] channels, int poolSize) {
        this.modelName = modelName;
        this.channels = channels;
        this.poolSize = poolSize;
    }

    /** Files are {@code NAME-weights_manifest.json} and {@code NAME.bin}. */
    public String modelName() {
        return modelName;
    }

    public int blocks() {
        return channels.length;
    }

    /** Output channels of each dense block. */
    public int channels(int block) {
        return channels[block];
    }

    /** The final average pool's window (valid, stride 2), which leaves one 1x1 feature vector. */
    public int poolSize() {
        return poolSize;
    }
}
