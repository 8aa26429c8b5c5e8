package vigil.liveness.model;

/**
 * Which heads a multi-task model has and where each sits in the packed output and target rows.
 * The model's {@code forward} returns one [N, outputWidth] tensor so the generic {@code Trainer},
 * validation and checkpoints handle it unchanged; {@link MultiTaskOutput#unpack} and
 * {@link MultiTaskTargets#unpack} undo the packing.
 *
 * <pre>
 * output row: live logits (liveOutputs) | spoof-type logits (spoofTypes) | Fourier map (h*w, if fourier) | depth map (h*w, if depth)
 * target row: live label | spoof type (-1 = none) | Fourier target (h*w, if fourier) | depth present 0/1, depth (h*w) (if depth)
 * </pre>
 *
 * @param liveOutputs 1 (one live logit, label 1 = live) or the class count of Silent-Face's scheme (3; 4 for V2SE)
 * @param spoofTypes  spoof-type classes, 0 for no spoof-type head
 * @param mapHeight   height of the auxiliary maps (the backbone's stride-8 feature map)
 * @param mapWidth    width of the auxiliary maps
 * @param fourier     whether the Fourier-spectrum head exists
 * @param depth       whether the depth head exists
 */
public record MultiTaskLayout(int liveOutputs, int spoofTypes, int mapHeight, int mapWidth, boolean fourier,
                              boolean depth) {
    public MultiTaskLayout {
        if (liveOutputs < 1 || spoofTypes < 0 || mapHeight < 1 || mapWidth < 1) {
            throw new IllegalArgumentException("MultiTaskLayout: live outputs " + liveOutputs + ", spoof types "
                    + spoofTypes + ", map " + mapHeight + "x" + mapWidth + " must be positive (spoof types >= 0)");
        }
    }

    /** Elements of one auxiliary map. */
    public int mapSize() {
        return mapHeight * mapWidth;
    }

    public boolean hasSpoofType() {
        return spoofTypes > 0;
    }

    /** Columns of the packed output. */
    public int outputWidth() {
        return liveOutputs + spoofTypes + (fourier ? mapSize() : 0) + (depth ? mapSize() : 0);
    }

    int typeOffset() {
        return liveOutputs;
    }

    int fourierOffset() {
        return liveOutputs + spoofTypes;
    }

    int depthOffset() {
        return fourierOffset() + (fourier ? mapSize() : 0);
    }

    /** Columns of the packed targets. */
    public int targetWidth() {
        return 2 + (fourier ? mapSize() : 0) + (depth ? 1 + mapSize() : 0);
    }

    int targetFourierOffset() {
        return 2;
    }

    int targetDepthFlagOffset() {
        return 2 + (fourier ? mapSize() : 0);
    }
}
