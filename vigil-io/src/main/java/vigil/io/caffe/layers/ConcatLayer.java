package vigil.io.caffe.layers;

import java.io.IOException;
import vigil.io.caffe.LayerSpec;
import vigil.io.protobuf.TextMessage;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Views;

/** Caffe "Concat": joins the bottoms along axis (default 1; negative counts from the end; legacy concat_dim). */
final class ConcatLayer implements CaffeLayer {
    private final int axis;

    ConcatLayer(LayerSpec spec) throws IOException {
        TextMessage p = spec.param("concat_param");
        if (p.has("axis") && p.has("concat_dim")) {
            throw spec.error("gives both axis and concat_dim");
        }
        axis = p.has("concat_dim") ? p.intValue("concat_dim", 1) : p.intValue("axis", 1);
        if (spec.bottoms().isEmpty()) {
            throw spec.error("has no bottoms");
        }
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        return new Tensor[] {bottoms.length == 1 ? bottoms[0] : Views.concat(axis, bottoms)};
    }
}
