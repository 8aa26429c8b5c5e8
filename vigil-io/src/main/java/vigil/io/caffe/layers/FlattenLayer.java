package vigil.io.caffe.layers;

import java.io.IOException;
import vigil.io.caffe.LayerSpec;
import vigil.io.protobuf.TextMessage;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/** Caffe "Flatten": axes axis..end_axis (defaults 1 and -1, negative from the end) become one axis. */
final class FlattenLayer implements CaffeLayer {
    private final String where;
    private final int axis;
    private final int endAxis;

    FlattenLayer(LayerSpec spec) throws IOException {
        where = spec.where();
        TextMessage p = spec.param("flatten_param");
        axis = p.intValue("axis", 1);
        endAxis = p.intValue("end_axis", -1);
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        int[] s = bottoms[0].shape();
        int a = axis < 0 ? axis + s.length : axis;
        int e = endAxis < 0 ? endAxis + s.length : endAxis;
        if (a < 0 || e >= s.length || a > e) {
            throw new ShapeException(where + ": axes " + axis + ".." + endAxis + " do not fit input " + Shape.str(s));
        }
        int[] out = new int[s.length - (e - a)];
        int k = 0;
        for (int d = 0; d < a; d++) {
            out[k++] = s[d];
        }
        int merged = 1;
        for (int d = a; d <= e; d++) {
            merged *= s[d];
        }
        out[k++] = merged;
        for (int d = e + 1; d < s.length; d++) {
            out[k++] = s[d];
        }
        return new Tensor[] {bottoms[0].reshape(out)};
    }
}
