package vigil.io.caffe.layers;

import java.io.IOException;
import vigil.io.caffe.LayerSpec;
import vigil.io.protobuf.TextMessage;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Views;

/**
 * Caffe "Crop": bottom 0 cut to the shape of bottom 1 on the axes from axis on (default 2: the
 * spatial axes of NCHW), starting at offset: none means 0, one value applies to every cropped axis,
 * otherwise one value per cropped axis.
 */
final class CropLayer implements CaffeLayer {
    private final String where;
    private final int axis;
    private final int[] offsets;

    CropLayer(LayerSpec spec) throws IOException {
        where = spec.where();
        TextMessage p = spec.param("crop_param");
        axis = p.intValue("axis", 2);
        offsets = p.ints("offset");
        if (spec.bottoms().size() != 2) {
            throw spec.error("needs 2 bottoms (the blob to crop and one of the target shape)");
        }
        for (int o : offsets) {
            if (o < 0) {
                throw spec.error("offset " + o + " is negative");
            }
        }
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        int[] s = bottoms[0].shape();
        int[] target = bottoms[1].shape();
        int a = axis < 0 ? axis + s.length : axis;
        if (target.length != s.length || a < 0 || a >= s.length) {
            throw new ShapeException(where + ": cannot crop " + Shape.str(s) + " to " + Shape.str(target)
                    + " from axis " + axis);
        }
        if (offsets.length > 1 && offsets.length != s.length - a) {
            throw new ShapeException(where + ": " + offsets.length + " offsets for the " + (s.length - a)
                    + " cropped axes of " + Shape.str(s));
        }
        Tensor y = bottoms[0];
        for (int d = a; d < s.length; d++) {
            int off = offsets.length == 0 ? 0 : offsets.length == 1 ? offsets[0] : offsets[d - a];
            if (off + target[d] > s[d]) {
                throw new ShapeException(where + ": axis " + d + " of " + Shape.str(s) + " is too small for size "
                        + target[d] + " at offset " + off);
            }
            y = Views.slice(y, d, off, off + target[d], 1);
        }
        return new Tensor[] {Views.contiguous(y)};
    }
}
