package vigil.io.caffe.layers;

import java.util.List;
import vigil.io.caffe.CaffeFormatException;
import vigil.io.caffe.LayerSpec;
import vigil.tensor.Shape;
import vigil.tensor.Tensor;

/**
 * One layer's learned blobs as found in the caffemodel (by the layer's name), checked against what
 * the layer's parameters imply; errors name the layer and the weights file.
 */
record LayerWeights(LayerSpec spec, List<Tensor> blobs, String source) {

    CaffeFormatException error(String what) {
        return spec.error(what + " (weights: " + source + ")");
    }

    void expectCount(int expected) throws CaffeFormatException {
        if (blobs.size() != expected) {
            throw error("expects " + expected + " learned blobs, the weights have " + blobs.size()
                    + (blobs.isEmpty() ? " (no layer of that name, or one without blobs)" : ""));
        }
    }

    Tensor get(int i) {
        return blobs.get(i);
    }

    /**
     * Blob i viewed as shape. Old caffemodels store vectors as [1, 1, 1, n] (legacy 4-D dims), so any
     * stored shape with the same number of values is accepted.
     */
    Tensor shaped(int i, int... shape) throws CaffeFormatException {
        Tensor b = blobs.get(i);
        if (b.numel() != Shape.numel(shape)) {
            throw error("blob " + i + " has shape " + Shape.str(b.shape()) + ", expected " + Shape.str(shape));
        }
        return Tensor.of(b.data(), shape);
    }
}
