package vigil.io.caffe.layers;

import java.io.IOException;
import vigil.io.caffe.LayerSpec;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Softmax;

/** Caffe "Softmax" along axis (default 1, the channels; negative counts from the end). */
final class SoftmaxLayer implements CaffeLayer {
    private final int axis;

    SoftmaxLayer(LayerSpec spec) throws IOException {
        axis = spec.param("softmax_param").intValue("axis", 1);
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        return new Tensor[] {Softmax.softmax(bottoms[0], axis)};
    }
}
