package vigil.io.caffe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.tensor.Tensor;

/**
 * The learned blobs of a caffemodel by layer name. Layers bind their blobs by name, as Caffe's
 * CopyTrainedLayersFrom does; when a name repeats in the file the later layer wins, as there.
 */
public record CaffeWeights(String source, Map<String, LayerBlobs> layers) {
    public CaffeWeights {
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }

    /** The named layer's blobs; empty when the file has no such layer (or it has no blobs). */
    public List<Tensor> blobs(String layer) {
        LayerBlobs b = layers.get(layer);
        return b == null ? List.of() : b.blobs();
    }
}
