package vigil.io.caffe.layers;

import java.io.IOException;
import vigil.io.caffe.LayerSpec;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Activations;

/** Caffe "ReLU": y = x for x > 0, else negative_slope * x (default 0: the plain ReLU). */
final class ReluLayer implements CaffeLayer {
    private final float slope;

    ReluLayer(LayerSpec spec) throws IOException {
        slope = spec.param("relu_param").floatValue("negative_slope", 0f);
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        Tensor x = bottoms[0];
        return new Tensor[] {slope == 0f ? Activations.relu(x) : Activations.leakyRelu(x, slope)};
    }
}
