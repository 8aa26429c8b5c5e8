package vigil.io.caffe.layers;

import vigil.tensor.Tensor;

/**
 * One built Caffe layer, inference only: its bottoms (in prototxt order) -> its tops (in prototxt
 * order). Layers hold their learned blobs; a layer never changes its inputs, so an in-place layer of
 * the prototxt (top == bottom) simply rebinds that blob name to the new tensor.
 */
public interface CaffeLayer {
    Tensor[] forward(Tensor[] bottoms);
}
