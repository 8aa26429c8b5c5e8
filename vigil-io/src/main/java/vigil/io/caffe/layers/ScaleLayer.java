package vigil.io.caffe.layers;

import java.io.IOException;
import vigil.io.caffe.LayerSpec;
import vigil.io.protobuf.TextMessage;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/**
 * Caffe "Scale": y = x * scale + bias, scale and bias broadcast over the axes of x they do not cover.
 * They cover num_axes axes of x from axis (defaults 1 and 1: one value per channel; num_axes -1:
 * every axis from axis on). The scale is the first blob, or the second bottom when there are two
 * bottoms; the bias (bias_term) is the next blob.
 */
final class ScaleLayer implements CaffeLayer {
    private final String where;
    private final float[] scale;
    private final float[] bias;
    private final int axis;
    private final int numAxes;

    ScaleLayer(LayerSpec spec, LayerWeights blobs) throws IOException {
        where = spec.where();
        TextMessage p = spec.param("scale_param");
        axis = p.intValue("axis", 1);
        numAxes = p.intValue("num_axes", 1);
        boolean biasTerm = p.bool("bias_term", false);
        boolean scaleFromBottom = spec.bottoms().size() == 2;
        if (spec.bottoms().size() > 2 || numAxes < -1) {
            throw spec.error("takes 1 or 2 bottoms and num_axes >= -1");
        }
        int expected = (scaleFromBottom ? 0 : 1) + (biasTerm ? 1 : 0);
        blobs.expectCount(expected);
        scale = scaleFromBottom ? null : blobs.get(0).data();
        if (biasTerm) {
            Tensor b = blobs.get(expected - 1);
            if (scale != null && b.numel() != scale.length) {
                throw blobs.error("bias has " + b.numel() + " values, scale " + scale.length);
            }
            bias = b.data();
        } else {
            bias = null;
        }
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        Tensor x = bottoms[0];
        int[] s = x.shape();
        int a = axis < 0 ? axis + s.length : axis;
        int end = numAxes == -1 ? s.length : a + numAxes;
        if (a < 0 || end > s.length) {
            throw new ShapeException(where + ": axis " + axis + ", num_axes " + numAxes + " do not fit input "
                    + Shape.str(s));
        }
        int outer = 1;
        int mid = 1;
        int inner = 1;
        for (int d = 0; d < s.length; d++) {
            if (d < a) {
                outer *= s[d];
            } else if (d < end) {
                mid *= s[d];
            } else {
                inner *= s[d];
            }
        }
        float[] k = scale != null ? scale : bottoms[1].data();
        if (k.length != mid || (bias != null && bias.length != mid)) {
            throw new ShapeException(where + ": " + k.length + " scale values for the " + mid + " positions of axes "
                    + a + ".." + (end - 1) + " of input " + Shape.str(s));
        }
        float[] xd = x.data();
        float[] y = new float[xd.length];
        int i = 0;
        for (int o = 0; o < outer; o++) {
            for (int m = 0; m < mid; m++) {
                float g = k[m];
                float b = bias == null ? 0f : bias[m];
                for (int j = 0; j < inner; j++, i++) {
                    y[i] = xd[i] * g + b;
                }
            }
        }
        return new Tensor[] {Tensor.of(y, s)};
    }
}
