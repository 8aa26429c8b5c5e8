package vigil.io.caffe.layers;

import java.io.IOException;
import vigil.io.caffe.LayerSpec;
import vigil.io.protobuf.TextMessage;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/**
 * Caffe "Reshape": input axes [axis, axis + num_axes) (defaults 0 and -1: all) are replaced by
 * shape.dim, where 0 copies the input dimension at the same position and one -1 is inferred from
 * the element count. A negative axis counts from the end (-1 is the position after the last axis).
 */
final class ReshapeLayer implements CaffeLayer {
    private final String where;
    private final long[] dims;
    private final int axis;
    private final int numAxes;

    ReshapeLayer(LayerSpec spec) throws IOException {
        where = spec.where();
        TextMessage p = spec.param("reshape_param");
        dims = p.message("shape").longs("dim");
        axis = p.intValue("axis", 0);
        numAxes = p.intValue("num_axes", -1);
        int inferred = 0;
        for (long d : dims) {
            if (d < -1 || d > Integer.MAX_VALUE) {
                throw spec.error("dimension " + d + " is out of range");
            }
            inferred += d == -1 ? 1 : 0;
        }
        if (inferred > 1 || numAxes < -1) {
            throw spec.error("at most one dimension may be -1, and num_axes must be >= -1");
        }
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        int[] s = bottoms[0].shape();
        int start = axis < 0 ? axis + s.length + 1 : axis;
        int end = numAxes == -1 ? s.length : start + numAxes;
        if (start < 0 || start > s.length || end > s.length) {
            throw new ShapeException(where + ": axis " + axis + ", num_axes " + numAxes + " do not fit input "
                    + Shape.str(s));
        }
        int[] out = new int[start + dims.length + s.length - end];
        int k = 0;
        for (int d = 0; d < start; d++) {
            out[k++] = s[d];
        }
        int infer = -1;
        for (int i = 0; i < dims.length; i++, k++) {
            if (dims[i] == 0) {
                if (start + i >= s.length) {
                    throw new ShapeException(where + ": dim 0 at position " + (start + i) + " copies no input axis of "
                            + Shape.str(s));
                }
                out[k] = s[start + i];
            } else if (dims[i] == -1) {
                infer = k;
                out[k] = 1;
            } else {
                out[k] = (int) dims[i];
            }
        }
        for (int d = end; d < s.length; d++) {
            out[k++] = s[d];
        }
        int total = Shape.numel(s);
        if (infer >= 0) {
            int known = Shape.numel(out);
            if (known == 0 || total % known != 0) {
                throw new ShapeException(where + ": cannot infer the -1 dimension of " + Shape.str(out) + " for input "
                        + Shape.str(s));
            }
            out[infer] = total / known;
        }
        if (Shape.numel(out) != total) {
            throw new ShapeException(where + ": shape " + Shape.str(out) + " does not hold the " + total
                    + " values of input " + Shape.str(s));
        }
        return new Tensor[] {bottoms[0].reshape(out)};
    }
}
