package vigil.liveness.model;

import java.util.List;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.AdaptiveAvgPool2d;
import vigil.tensor.nn.Dropout;
import vigil.tensor.nn.Flatten;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.Module;
import vigil.tensor.nn.Sequential;

/**
 * A MobileNetV2 backbone (torchvision's layout, width multiplier, channels rounded to multiples of 8)
 * with the multi-task heads. Inputs are BGR 0..255 like MiniFASNet's and are scaled to 0..1 first.
 *
 * <pre>
 * x [N, 3, H, W] * 1/255
 *  stem      3x3 conv s2 + BN + ReLU6                        -> [N, c(32), H/2, W/2]
 *  low       inverted residuals (t, c, n, s) = (1,16,1,1) (6,24,2,2) (6,32,3,2) -> f8 [N, c(32), H/8, W/8]
 *  high      (6,64,4,2) (6,96,3,1) (6,160,3,2) (6,320,1,1), 1x1 conv to max(1280, c(1280)) + BN + ReLU6
 *            -> [N, last, H/32, W/32] -> global average pool -> [N, last]
 *  classifier dropout + Linear(last, liveOutputs); type_head Linear(last, spoofTypes)
 *  fourier_head, depth_head: {@link MapHead} on f8          -> [N, 1, H/8, W/8]
 * </pre>
 * c(k) = k * widthMultiplier rounded to a multiple of 8 (never below 8 nor 10% under the product);
 * divisions round up. The first block of each (t, c, n, s) row has stride s, the others 1.
 */
public final class MobileNetV2MultiTask extends MultiTaskModel {
    /** (expansion t, channels c, repeats n, stride s) per row, as in the paper's Table 2. */
    static final int[][] SETTINGS = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
    /** Rows of {@link #SETTINGS} before the stride-8 tap. */
    private static final int LOW_ROWS = 3;
    private static final int STEM = 32;
    private static final int LAST = 1280;
    private static final float DEFAULT_DROPOUT = 0.2f;

    private final Sequential stem;
    private final Sequential low;
    private final Sequential high;
    private final AdaptiveAvgPool2d pool;
    private final Flatten flatten;
    private final Dropout drop;
    private final Linear classifier;
    private final Linear typeHead;
    private final MapHead fourierHead;
    private final MapHead depthHead;
    private final int inputHeight;
    private final int inputWidth;

    public MobileNetV2MultiTask(String name, ModelOptions o) {
        super(name, new MultiTaskLayout(o.liveOutputs(), o.spoofTypes(), MiniFasNetMultiTask.stride8(o.inputHeight()),
                MiniFasNetMultiTask.stride8(o.inputWidth()), o.fourier(), o.depth()));
        Rng rng = new Rng(o.seed());
        float m = o.widthMultiplier();
        this.inputHeight = o.inputHeight();
        this.inputWidth = o.inputWidth();
        int c = divisible(STEM * m);
        this.stem = registerModule("stem", InvertedResidual.convBn(3, c, 3, 2, 1, true, rng));
        this.low = registerModule("low", new Sequential());
        this.high = registerModule("high", new Sequential());
        for (int r = 0; r < SETTINGS.length; r++) {
            int[] row = SETTINGS[r];
            int out = divisible(row[1] * m);
            for (int i = 0; i < row[2]; i++) {
                (r < LOW_ROWS ? low : high).add(new InvertedResidual(c, out, i == 0 ? row[3] : 1, row[0], rng));
                c = out;
            }
        }
        int f8 = divisible(SETTINGS[LOW_ROWS - 1][1] * m);
        int last = divisible(LAST * Math.max(1f, m));
        high.add(InvertedResidual.convBn(c, last, 1, 1, 1, true, rng));
        this.pool = registerModule("pool", new AdaptiveAvgPool2d(1));
        this.flatten = registerModule("flatten", new Flatten());
        Rng heads = rng.fork(0x68656164L);
        this.drop = registerModule("drop", new Dropout(o.dropout() < 0 ? DEFAULT_DROPOUT : o.dropout(), heads.fork(0)));
        this.classifier = registerModule("classifier", new Linear(last, o.liveOutputs(), true, heads.fork(1)));
        this.typeHead = o.spoofTypes() > 0
                ? registerModule("type_head", new Linear(last, o.spoofTypes(), true, heads.fork(2))) : null;
        this.fourierHead = o.fourier() ? registerModule("fourier_head", new MapHead(f8, o.mapHeadWidth(), heads.fork(3)))
                : null;
        this.depthHead = o.depth() ? registerModule("depth_head", new MapHead(f8, o.mapHeadWidth(), heads.fork(4)))
                : null;
    }

    /** torchvision's _make_divisible(v, 8). */
    static int divisible(float v) {
        int d = 8;
        int r = Math.max(d, (int) (v + d / 2f) / d * d);
        return r < 0.9f * v ? r + d : r;
    }

    @Override
    protected List<Module> backboneModules() {
        return List.of(stem, low, high);
    }

    @Override
    public MultiTaskOutput heads(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != 3 || x.dim(2) != inputHeight || x.dim(3) != inputWidth) {
            throw new ShapeException(name() + ": expected input [N, 3, " + inputHeight + ", " + inputWidth + "], got "
                    + Shape.str(x.shape()));
        }
        Tensor f8 = backbone(() -> low.forward(stem.forward(x.mul(1f / 255f))));
        Tensor pooled = backbone(() -> flatten.forward(pool.forward(high.forward(f8))));
        Tensor e = drop.forward(pooled);
        return new MultiTaskOutput(classifier.forward(e), typeHead == null ? null : typeHead.forward(e),
                fourierHead == null ? null : fourierHead.forward(f8), depthHead == null ? null : depthHead.forward(f8));
    }
}
