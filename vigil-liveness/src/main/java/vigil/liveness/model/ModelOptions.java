package vigil.liveness.model;

/**
 * How {@link LivenessModels#create} builds a multi-task model.
 *
 * @param inputHeight     crop height (e.g. 80)
 * @param inputWidth      crop width (e.g. 80)
 * @param liveOutputs     1 (one live logit) or 3 (Silent-Face's classes, 1 = live)
 * @param spoofTypes      spoof-type classes as the dataset labels them; 0 = no spoof-type head
 * @param fourier         add Silent-Face's Fourier-spectrum map head
 * @param depth           add a depth map head
 * @param widthMultiplier MobileNetV2's channel multiplier (ignored by MiniFASNet, whose widths are fixed)
 * @param embedding       MiniFASNet's embedding width (128 as the reference)
 * @param dropout         dropout before the classifiers; negative = the architecture's default
 *                        (MiniFASNet 0.2 plain / 0.75 SE, MobileNetV2 0.2)
 * @param mapHeadWidth    channels of the map heads' first convolution (Silent-Face's FTGenerator: 128, then 64)
 * @param seed            weight-initialisation seed
 */
public record ModelOptions(int inputHeight, int inputWidth, int liveOutputs, int spoofTypes, boolean fourier,
                           boolean depth, float widthMultiplier, int embedding, float dropout, int mapHeadWidth,
                           long seed) {
    public ModelOptions {
        if (inputHeight < 16 || inputWidth < 16) {
            throw new IllegalArgumentException("ModelOptions: input " + inputHeight + "x" + inputWidth
                    + " is too small (at least 16x16)");
        }
        if (liveOutputs < 1 || spoofTypes < 0 || embedding < 1 || mapHeadWidth < 2 || !(widthMultiplier > 0)) {
            throw new IllegalArgumentException("ModelOptions: live outputs " + liveOutputs + ", spoof types "
                    + spoofTypes + ", embedding " + embedding + ", map head width " + mapHeadWidth
                    + ", width multiplier " + widthMultiplier + " out of range");
        }
    }

    /** input x input crops, one live logit, Fourier head, no spoof type, no depth; widths as published. */
    public static ModelOptions of(int input) {
        return new ModelOptions(input, input, 1, 0, true, false, 1f, 128, -1f, 128, 0L);
    }

    /** Silent-Face's training setup (MultiFTNet): 3 classes and the Fourier head. */
    public static ModelOptions silentFace(int input) {
        return of(input).withLiveOutputs(3);
    }

    public ModelOptions withInput(int height, int width) {
        return new ModelOptions(height, width, liveOutputs, spoofTypes, fourier, depth, widthMultiplier, embedding,
                dropout, mapHeadWidth, seed);
    }

    public ModelOptions withLiveOutputs(int n) {
        return new ModelOptions(inputHeight, inputWidth, n, spoofTypes, fourier, depth, widthMultiplier, embedding,
                dropout, mapHeadWidth, seed);
    }

    public ModelOptions withSpoofTypes(int n) {
        return new ModelOptions(inputHeight, inputWidth, liveOutputs, n, fourier, depth, widthMultiplier, embedding,
                dropout, mapHeadWidth, seed);
    }

    public ModelOptions withFourier(boolean on) {
        return new ModelOptions(inputHeight, inputWidth, liveOutputs, spoofTypes, on, depth, widthMultiplier, embedding,
                dropout, mapHeadWidth, seed);
    }

    public ModelOptions withDepth(boolean on) {
        return new ModelOptions(inputHeight, inputWidth, liveOutputs, spoofTypes, fourier, on, widthMultiplier, embedding,
                dropout, mapHeadWidth, seed);
    }

    public ModelOptions withWidthMultiplier(float m) {
        return new ModelOptions(inputHeight, inputWidth, liveOutputs, spoofTypes, fourier, depth, m, embedding,
                dropout, mapHeadWidth, seed);
    }

    public ModelOptions withEmbedding(int e) {
        return new ModelOptions(inputHeight, inputWidth, liveOutputs, spoofTypes, fourier, depth, widthMultiplier, e,
                dropout, mapHeadWidth, seed);
    }

    public ModelOptions withDropout(float p) {
        return new ModelOptions(inputHeight, inputWidth, liveOutputs, spoofTypes, fourier, depth, widthMultiplier,
                embedding, p, mapHeadWidth, seed);
    }

    public ModelOptions withMapHeadWidth(int w) {
        return new ModelOptions(inputHeight, inputWidth, liveOutputs, spoofTypes, fourier, depth, widthMultiplier,
                embedding, dropout, w, seed);
    }

    public ModelOptions withSeed(long s) {
        return new ModelOptions(inputHeight, inputWidth, liveOutputs, spoofTypes, fourier, depth, widthMultiplier,
                embedding, dropout, mapHeadWidth, s);
    }
}
