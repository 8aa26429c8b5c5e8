package vigil.liveness.passive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.BatchNorm1d;
import vigil.tensor.nn.Dropout;
import vigil.tensor.nn.Flatten;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.Module;
import vigil.tensor.ops.Softmax;

/**
 * MiniFASNet (minivision-ai/Silent-Face-Anti-Spoofing), the passive anti-spoofing classifier, with the
 * reference's parameter names so its pretrained state dicts load unchanged (strictly).
 *
 * <pre>
 * x [N, 3, H, W] (BGR, 0..255, not normalised)
 *  conv1     ConvBlock 3x3 s2           -> [N, 32, H/2, W/2]
 *  conv2_dw  ConvBlock 3x3 depthwise    -> [N, 32, H/2, W/2]
 *  conv_23   DepthWiseBlock s2          -> [N, 64, H/4, W/4]
 *  conv_3    ResidualStage x4           -> [N, 64, H/4, W/4]
 *  conv_34   DepthWiseBlock s2          -> [N, 128, H/8, W/8]
 *  conv_4    ResidualStage x6           -> [N, 128, H/8, W/8]
 *  conv_45   DepthWiseBlock s2          -> [N, 128, H/16, W/16]
 *  conv_5    ResidualStage x2           -> [N, 128, H/16, W/16]
 *  conv_6_sep ConvBlock 1x1             -> [N, 512, H/16, W/16]
 *  conv_6_dw LinearBlock depthwise, kernel = the whole map -> [N, 512, 1, 1] -> flatten [N, 512]
 *  linear    512 -> embedding (skipped when embedding == 512, but present in the state dict)
 *  bn        BatchNorm1d(embedding), drop (training only), prob embedding -> classes (no bias)
 * </pre>
 * Sizes divided by 2 are rounded up. Output: logits [N, classes]; for the pretrained models class 1
 * is "live", 0 and 2 are spoof kinds.
 */
public final class MiniFasNet extends Module implements Layer {
    /** The reference's default embedding width. */
    public static final int DEFAULT_EMBEDDING = 128;
    private static final int FEATURE_WIDTH = 512;
    private static final int SHOWN_KEYS = 6;

    private final MiniFasNetVariant variant;
    private final int inputHeight;
    private final int inputWidth;
    private final int numClasses;
    private final int embedding;
    private final List<Layer> trunk = new ArrayList<>();
    private final Linear linear;
    private final BatchNorm1d bn;
    private final Dropout drop;
    private final Linear prob;

    /**
     * The full constructor. inputHeight / inputWidth fix the conv6 kernel to
     * ((h + 15) / 16, (w + 15) / 16), the reference's get_kernel, so the trunk ends in a 1x1 map.
     */
    public MiniFasNet(MiniFasNetVariant variant, int inputHeight, int inputWidth, int numClasses, int embedding,
                      float dropout, Rng rng) {
        if (inputHeight < 1 || inputWidth < 1 || numClasses < 1 || embedding < 1) {
            throw new IllegalArgumentException(variant.referenceName() + ": input " + inputHeight + "x" + inputWidth
                    + ", " + numClasses + " classes, embedding " + embedding + " must all be positive");
        }
        this.variant = variant;
        this.inputHeight = inputHeight;
        this.inputWidth = inputWidth;
        this.numClasses = numClasses;
        this.embedding = embedding;
        int[] k = variant.channelWidths();
        boolean se = variant.squeezeExcite();
        int[] one = {1, 1};
        int[] k3 = {3, 3};
        int[] s2 = {2, 2};
        stage("conv1", new ConvBlock(3, k[0], k3, s2, one, 1, rng));
        stage("conv2_dw", new ConvBlock(k[0], k[1], k3, one, one, k[1], rng));
        stage("conv_23", new DepthWiseBlock(k[1], k[2], k[3], k[4], 2, false, false, rng));
        stage("conv_3", new ResidualStage(k, 4, 4, se, rng));
        stage("conv_34", new DepthWiseBlock(k[16], k[17], k[18], k[19], 2, false, false, rng));
        stage("conv_4", new ResidualStage(k, 19, 6, se, rng));
        stage("conv_45", new DepthWiseBlock(k[37], k[38], k[39], k[40], 2, false, false, rng));
        stage("conv_5", new ResidualStage(k, 40, 2, se, rng));
        stage("conv_6_sep", ConvBlock.pointwise(k[46], k[47], rng));
        int[] conv6Kernel = conv6Kernel(inputHeight, inputWidth);
        stage("conv_6_dw", new LinearBlock(k[47], k[48], conv6Kernel, one, new int[] {0, 0}, k[48], rng));
        stage("conv_6_flatten", new Flatten());
        this.linear = registerModule("linear", new Linear(FEATURE_WIDTH, embedding, false, rng));
        this.bn = registerModule("bn", new BatchNorm1d(embedding));
        this.drop = registerModule("drop", new Dropout(dropout, rng.fork(0x64726F70L)));
        this.prob = registerModule("prob", new Linear(embedding, numClasses, false, rng));
    }

    /** A model as the reference's constructor function builds it: embedding 128, the variant's drop_p. */
    public static MiniFasNet create(MiniFasNetVariant variant, int inputHeight, int inputWidth, int numClasses,
                                    Rng rng) {
        return new MiniFasNet(variant, inputHeight, inputWidth, numClasses, DEFAULT_EMBEDDING,
                variant.defaultDropout(), rng);
    }

    /** The model a pretrained file's name describes, with the variant's default class count. */
    public static MiniFasNet create(MiniFasNetSpec spec, Rng rng) {
        return create(spec.variant(), spec.inputHeight(), spec.inputWidth(), spec.variant().defaultClasses(), rng);
    }

    /** The reference's get_kernel: the conv6 depthwise kernel that covers the whole last feature map. */
    public static int[] conv6Kernel(int inputHeight, int inputWidth) {
        return new int[] {(inputHeight + 15) / 16, (inputWidth + 15) / 16};
    }

    private <M extends Module & Layer> void stage(String name, M layer) {
        trunk.add(registerModule(name, layer));
    }

    /** x: [N, 3, inputHeight, inputWidth] -> logits [N, numClasses]. */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != 3 || x.dim(2) != inputHeight || x.dim(3) != inputWidth) {
            throw new ShapeException(describe() + ": expected input [N, 3, " + inputHeight + ", " + inputWidth
                    + "], got " + Shape.str(x.shape()));
        }
        Tensor h = x;
        for (Layer layer : trunk) {
            h = layer instanceof KeepsOutput k ? k.forwardKeeping(h) : layer.forward(h);
        }
        if (embedding != FEATURE_WIDTH) {
            h = linear.forward(h);
        }
        return prob.forward(drop.forward(bn.forward(h)));
    }

    /** Softmax of the logits: x [N, 3, H, W] -> [N, numClasses], each row summing to 1. */
    public Tensor probabilities(Tensor x) {
        return Softmax.softmax(forward(x), 1);
    }

    /**
     * Loads a pretrained state dict (keys without the "module." prefix) strictly and switches to
     * evaluation. Unlike {@link #loadStateDict}, a refusal names the source, this model, counts and
     * the first keys of each kind, and which variant the keys look like when that can be told.
     */
    public MiniFasNet loadPretrained(Map<String, Tensor> state, String source) {
        Map<String, Tensor> own = stateDict();
        List<String> missing = own.keySet().stream().filter(key -> !state.containsKey(key)).toList();
        List<String> unexpected = state.keySet().stream().filter(key -> !own.containsKey(key)).toList();
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException(source + ": not a " + describe() + " state dict: "
                    + missing.size() + " missing keys " + firstKeys(missing) + ", " + unexpected.size()
                    + " unexpected keys " + firstKeys(unexpected) + lookalike(state));
        }
        try {
            loadStateDict(state, true);
        } catch (ShapeException e) {
            throw new IllegalArgumentException(source + ": not a " + describe() + " state dict: " + e.getMessage()
                    + lookalike(state), e);
        }
        eval();
        return this;
    }

    private static String firstKeys(List<String> keys) {
        if (keys.size() <= SHOWN_KEYS) {
            return keys.toString();
        }
        return keys.subList(0, SHOWN_KEYS).toString().replace("]", ", ...]");
    }

    private String lookalike(Map<String, Tensor> state) {
        Optional<MiniFasNetVariant> seen = MiniFasNetVariant.recognise(state);
        return seen.filter(v -> v != variant).map(v -> " (the keys look like " + v.referenceName() + "'s)")
                .orElse("");
    }

    /** E.g. "MiniFASNetV2 80x80, 3 classes". */
    public String describe() {
        return variant.referenceName() + " " + inputHeight + "x" + inputWidth + ", " + numClasses + " classes";
    }

    public MiniFasNetVariant variant() {
        return variant;
    }

    public int inputHeight() {
        return inputHeight;
    }

    public int inputWidth() {
        return inputWidth;
    }

    public int numClasses() {
        return numClasses;
    }

    public int embedding() {
        return embedding;
    }
}
