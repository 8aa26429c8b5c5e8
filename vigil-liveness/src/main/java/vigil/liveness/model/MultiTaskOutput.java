package vigil.liveness.model;

import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Views;

/**
 * What a multi-task model predicts for a batch of N crops. Absent heads are null.
 *
 * @param live      live logits [N, liveOutputs] (one logit: higher = more live; 3 classes: Silent-Face's, 1 = live)
 * @param spoofType spoof-type logits [N, spoofTypes], or null
 * @param fourier   predicted Fourier-spectrum map [N, 1, h, w], or null
 * @param depth     predicted depth map [N, 1, h, w], or null
 */
public record MultiTaskOutput(Tensor live, Tensor spoofType, Tensor fourier, Tensor depth) {

    /** The heads side by side, [N, layout.outputWidth()] (recorded for backward). */
    public Tensor pack(MultiTaskLayout layout) {
        int n = live.dim(0);
        check(layout.hasSpoofType(), spoofType, "spoof-type");
        check(layout.fourier(), fourier, "Fourier");
        check(layout.depth(), depth, "depth");
        Tensor[] parts = new Tensor[1 + (spoofType != null ? 1 : 0) + (fourier != null ? 1 : 0)
                + (depth != null ? 1 : 0)];
        int k = 0;
        parts[k++] = live;
        if (spoofType != null) {
            parts[k++] = spoofType;
        }
        if (fourier != null) {
            parts[k++] = fourier.contiguous().reshape(n, layout.mapSize());
        }
        if (depth != null) {
            parts[k++] = depth.contiguous().reshape(n, layout.mapSize());
        }
        Tensor packed = parts.length == 1 ? live : Views.concat(1, parts);
        if (packed.rank() != 2 || packed.dim(1) != layout.outputWidth()) {
            throw new ShapeException("MultiTaskOutput: heads pack to " + Shape.str(packed.shape()) + ", layout "
                    + layout + " expects [N, " + layout.outputWidth() + "]");
        }
        return packed;
    }

    /** The heads of a packed output [N, layout.outputWidth()] (slices, so gradients flow back into it). */
    public static MultiTaskOutput unpack(Tensor packed, MultiTaskLayout layout) {
        if (packed.rank() != 2 || packed.dim(1) != layout.outputWidth()) {
            throw new ShapeException("MultiTaskOutput: expected a packed output [N, " + layout.outputWidth()
                    + "] for " + layout + ", got " + Shape.str(packed.shape()));
        }
        int n = packed.dim(0);
        int hw = layout.mapSize();
        Tensor live = packed.slice(1, 0, layout.liveOutputs());
        Tensor type = layout.hasSpoofType()
                ? packed.slice(1, layout.typeOffset(), layout.typeOffset() + layout.spoofTypes()) : null;
        Tensor fourier = layout.fourier() ? packed.slice(1, layout.fourierOffset(), layout.fourierOffset() + hw)
                .contiguous().reshape(n, 1, layout.mapHeight(), layout.mapWidth()) : null;
        Tensor depth = layout.depth() ? packed.slice(1, layout.depthOffset(), layout.depthOffset() + hw)
                .contiguous().reshape(n, 1, layout.mapHeight(), layout.mapWidth()) : null;
        return new MultiTaskOutput(live, type, fourier, depth);
    }

    private static void check(boolean wanted, Tensor head, String name) {
        if (wanted != (head != null)) {
            throw new IllegalStateException("MultiTaskOutput: the layout " + (wanted ? "has" : "lacks") + " a " + name
                    + " head but the output " + (head != null ? "has" : "lacks") + " one");
        }
    }
}
