package vigil.liveness.model;

import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/**
 * The targets of a multi-task batch of N samples. They travel in {@code TrainBatch.targets()} packed
 * as one float tensor [N, layout.targetWidth()] ({@link #pack}); {@link MultiTaskObjective} unpacks them.
 *
 * @param live      per sample the live label: 1 = live, 0 = attack with one logit; the class index with the
 *                  3-class scheme (1 = live)
 * @param spoofType per sample the spoof-type class, or -1 when unknown or live (ignored by the loss)
 * @param fourier   Fourier-spectrum targets [N, 1, h, w] ({@link FourierTarget}), or null without that head
 * @param depth     depth targets [N, 1, h, w] (rows without depth may hold anything), or null without that head
 * @param hasDepth  per sample whether its depth target is real; null without the depth head
 */
public record MultiTaskTargets(long[] live, long[] spoofType, Tensor fourier, Tensor depth, boolean[] hasDepth) {

    public MultiTaskTargets {
        int n = live.length;
        if (spoofType.length != n || (hasDepth != null && hasDepth.length != n)
                || (fourier != null && fourier.dim(0) != n) || (depth != null && depth.dim(0) != n)
                || (depth == null) != (hasDepth == null)) {
            throw new IllegalArgumentException("MultiTaskTargets: " + n + " live labels, " + spoofType.length
                    + " spoof types, fourier " + (fourier == null ? "none" : Shape.str(fourier.shape())) + ", depth "
                    + (depth == null ? "none" : Shape.str(depth.shape())) + " must agree on the batch size"
                    + " (depth and its presence flags come together)");
        }
    }

    /**
     * Targets for a batch of crops images [N, 3, H, W] (BGR 0..255): the Fourier targets are computed
     * from the images when the layout has that head; depthMaps[i] is sample i's depth map (h*w values,
     * row-major, already at the map size) or null when it has none (depthMaps may be null: no depth at all).
     */
    public static MultiTaskTargets forImages(MultiTaskLayout layout, Tensor images, long[] live, long[] spoofType,
                                             float[][] depthMaps) {
        int n = live.length;
        Tensor fourier = layout.fourier() ? FourierTarget.of(images, layout.mapHeight(), layout.mapWidth()) : null;
        Tensor depth = null;
        boolean[] has = null;
        if (layout.depth()) {
            int hw = layout.mapSize();
            float[] d = new float[n * hw];
            has = new boolean[n];
            for (int i = 0; i < n; i++) {
                float[] m = depthMaps == null ? null : depthMaps[i];
                if (m == null) {
                    continue;
                }
                if (m.length != hw) {
                    throw new IllegalArgumentException("MultiTaskTargets: depth map of sample " + i + " has " + m.length
                            + " values, the model's map is " + layout.mapHeight() + "x" + layout.mapWidth());
                }
                System.arraycopy(m, 0, d, i * hw, hw);
                has[i] = true;
            }
            depth = Tensor.of(d, n, 1, layout.mapHeight(), layout.mapWidth());
        }
        return new MultiTaskTargets(live.clone(), spoofType.clone(), fourier, depth, has);
    }

    public int size() {
        return live.length;
    }

    /** [N, layout.targetWidth()] float32. */
    public Tensor pack(MultiTaskLayout layout) {
        int n = size();
        int w = layout.targetWidth();
        int hw = layout.mapSize();
        if (layout.fourier() != (fourier != null) || layout.depth() != (depth != null)) {
            throw new IllegalArgumentException("MultiTaskTargets: targets with" + (fourier == null ? "out" : "")
                    + " Fourier maps and with" + (depth == null ? "out" : "") + " depth do not fit " + layout);
        }
        float[] f = fourier == null ? null : mapData(fourier, layout, "Fourier");
        float[] d = depth == null ? null : mapData(depth, layout, "depth");
        float[] out = new float[n * w];
        for (int i = 0; i < n; i++) {
            int row = i * w;
            out[row] = live[i];
            out[row + 1] = spoofType[i];
            if (f != null) {
                System.arraycopy(f, i * hw, out, row + layout.targetFourierOffset(), hw);
            }
            if (d != null) {
                int flag = row + layout.targetDepthFlagOffset();
                out[flag] = hasDepth[i] ? 1f : 0f;
                System.arraycopy(d, i * hw, out, flag + 1, hw);
            }
        }
        return Tensor.of(out, n, w);
    }

    /** The targets packed in a [N, layout.targetWidth()] tensor. */
    public static MultiTaskTargets unpack(Tensor packed, MultiTaskLayout layout) {
        if (packed.rank() != 2 || packed.dim(1) != layout.targetWidth()) {
            throw new ShapeException("MultiTaskTargets: expected packed targets [N, " + layout.targetWidth() + "] for "
                    + layout + ", got " + Shape.str(packed.shape()));
        }
        int n = packed.dim(0);
        int w = layout.targetWidth();
        int hw = layout.mapSize();
        float[] p = packed.data();
        long[] live = new long[n];
        long[] type = new long[n];
        float[] f = layout.fourier() ? new float[n * hw] : null;
        float[] d = layout.depth() ? new float[n * hw] : null;
        boolean[] has = layout.depth() ? new boolean[n] : null;
        for (int i = 0; i < n; i++) {
            int row = i * w;
            live[i] = Math.round(p[row]);
            type[i] = Math.round(p[row + 1]);
            if (f != null) {
                System.arraycopy(p, row + layout.targetFourierOffset(), f, i * hw, hw);
            }
            if (d != null) {
                int flag = row + layout.targetDepthFlagOffset();
                has[i] = p[flag] != 0f;
                System.arraycopy(p, flag + 1, d, i * hw, hw);
            }
        }
        int h = layout.mapHeight();
        int wd = layout.mapWidth();
        return new MultiTaskTargets(live, type, f == null ? null : Tensor.of(f, n, 1, h, wd),
                d == null ? null : Tensor.of(d, n, 1, h, wd), has);
    }

    /** The number of samples whose depth target is real. */
    public int depthCount() {
        int c = 0;
        if (hasDepth != null) {
            for (boolean b : hasDepth) {
                c += b ? 1 : 0;
            }
        }
        return c;
    }

    private float[] mapData(Tensor map, MultiTaskLayout layout, String what) {
        if (map.rank() != 4 || map.dim(1) != 1 || map.dim(2) != layout.mapHeight() || map.dim(3) != layout.mapWidth()) {
            throw new ShapeException("MultiTaskTargets: " + what + " targets " + Shape.str(map.shape()) + " should be [N, 1, "
                    + layout.mapHeight() + ", " + layout.mapWidth() + "]");
        }
        return map.data();
    }
}
