package vigil.liveness.model;

import java.util.ArrayList;
import java.util.List;
import vigil.liveness.passive.MiniFasNet;
import vigil.liveness.passive.MiniFasNetVariant;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.Module;

/**
 * A MiniFASNet with extra heads, laid out as Silent-Face's MultiFTNet: the whole classifier sits
 * under "model." (so a Silent-Face state dict loads into {@link #miniFasNet()} unchanged) and the
 * Fourier head under "FTGenerator.", reading the conv_4 features (stride 8: 10x10 for 80x80 crops).
 *
 * <pre>
 * x [N, 3, H, W] BGR 0..255
 *  backbone  model.conv1 .. model.conv_4              -> f8 [N, 128, H/8, W/8]     (Fourier and depth heads read f8)
 *            model.conv_45 .. model.conv_6_flatten     -> [N, 512]
 *            model.linear (unless embedding 512), model.bn -> [N, embedding]
 *  live head model.drop -> e, model.prob -> [N, liveOutputs]
 *  type head type_head: Linear(embedding, spoofTypes) on e
 *  FTGenerator, depth_head: {@link MapHead} on f8     -> [N, 1, H/8, W/8]
 * </pre>
 * Divisions round up. The live logits are exactly MiniFasNet's own output for the same weights.
 * Freezing holds everything up to the embedding's batch norm; prob and the new heads keep learning.
 */
public final class MiniFasNetMultiTask extends MultiTaskModel {
    private static final List<String> LOW = List.of("conv1", "conv2_dw", "conv_23", "conv_3", "conv_34", "conv_4");
    private static final List<String> HIGH = List.of("conv_45", "conv_5", "conv_6_sep", "conv_6_dw", "conv_6_flatten");
    /** Index in the keep table of conv_4's output width. */
    private static final int CONV4_OUT = 37;
    private static final int FEATURE_WIDTH = 512;

    private final MiniFasNet model;
    private final List<Layer> low = new ArrayList<>();
    private final List<Layer> high = new ArrayList<>();
    private final List<Module> backbone = new ArrayList<>();
    private final Layer linear;
    private final Layer bn;
    private final Layer drop;
    private final Layer prob;
    private final Linear typeHead;
    private final MapHead fourierHead;
    private final MapHead depthHead;

    public MiniFasNetMultiTask(String name, MiniFasNetVariant variant, ModelOptions o) {
        super(name, new MultiTaskLayout(o.liveOutputs(), o.spoofTypes(), stride8(o.inputHeight()),
                stride8(o.inputWidth()), o.fourier(), o.depth()));
        Rng rng = new Rng(o.seed());
        float dropout = o.dropout() < 0 ? variant.defaultDropout() : o.dropout();
        this.model = registerModule("model", new MiniFasNet(variant, o.inputHeight(), o.inputWidth(), o.liveOutputs(),
                o.embedding(), dropout, rng));
        for (String s : LOW) {
            low.add(child(s));
        }
        for (String s : HIGH) {
            high.add(child(s));
        }
        for (String s : LOW) {
            backbone.add(model.children().get(s));
        }
        for (String s : HIGH) {
            backbone.add(model.children().get(s));
        }
        // The embedding (linear + batch norm) is frozen with the trunk: on a small fine-tuning set its
        // running statistics would otherwise drift to that set's and move every pretrained verdict.
        backbone.add(model.children().get("linear"));
        backbone.add(model.children().get("bn"));
        this.linear = child("linear");
        this.bn = child("bn");
        this.drop = child("drop");
        this.prob = child("prob");
        int f8 = variant.channelWidths()[CONV4_OUT];
        Rng heads = rng.fork(0x68656164L);
        this.typeHead = o.spoofTypes() > 0
                ? registerModule("type_head", new Linear(o.embedding(), o.spoofTypes(), true, heads.fork(1))) : null;
        this.fourierHead = o.fourier() ? registerModule("FTGenerator", new MapHead(f8, o.mapHeadWidth(), heads.fork(2)))
                : null;
        this.depthHead = o.depth() ? registerModule("depth_head", new MapHead(f8, o.mapHeadWidth(), heads.fork(3)))
                : null;
    }

    /** ceil(ceil(ceil(n / 2) / 2) / 2): the size after three stride-2, pad-1, 3x3 convolutions. */
    static int stride8(int n) {
        int s = n;
        for (int i = 0; i < 3; i++) {
            s = (s + 1) / 2;
        }
        return s;
    }

    private Layer child(String name) {
        Module m = model.children().get(name);
        if (!(m instanceof Layer l)) {
            throw new IllegalStateException("MiniFasNet has no layer '" + name + "'");
        }
        return l;
    }

    /** The wrapped classifier (backbone + live head), named as a Silent-Face state dict. */
    public MiniFasNet miniFasNet() {
        return model;
    }

    @Override
    protected List<Module> backboneModules() {
        return backbone;
    }

    @Override
    public MultiTaskOutput heads(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != 3 || x.dim(2) != model.inputHeight() || x.dim(3) != model.inputWidth()) {
            throw new ShapeException(name() + ": expected input [N, 3, " + model.inputHeight() + ", "
                    + model.inputWidth() + "], got " + Shape.str(x.shape()));
        }
        Tensor f8 = backbone(() -> run(low, x));
        Tensor embedding = backbone(() -> {
            Tensor pooled = run(high, f8);
            return bn.forward(model.embedding() != FEATURE_WIDTH ? linear.forward(pooled) : pooled);
        });
        Tensor e = drop.forward(embedding);
        Tensor live = prob.forward(e);
        return new MultiTaskOutput(live, typeHead == null ? null : typeHead.forward(e),
                fourierHead == null ? null : fourierHead.forward(f8), depthHead == null ? null : depthHead.forward(f8));
    }

    private static Tensor run(List<Layer> layers, Tensor x) {
        Tensor h = x;
        for (Layer l : layers) {
            h = l.forward(h);
        }
        return h;
    }
}
