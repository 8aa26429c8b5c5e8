package vigil.io.caffe;

import java.util.List;
import vigil.tensor.Tensor;

/**
 * One layer's learned blobs from a caffemodel, in file order (for a convolution: weight, then bias).
 * type is the LayerParameter's type string, or "V1:<enum number>" for the legacy V1 format.
 */
public record LayerBlobs(String name, String type, List<Tensor> blobs) {
    public LayerBlobs {
        blobs = List.copyOf(blobs);
    }
}
