package vigil.io.caffe;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.io.protobuf.TextFormatParser;
import vigil.tensor.Tensor;

/** Small networks written inline for tests: prototxt text plus blobs by layer name. */
final class TestNets {
    private TestNets() {
    }

    static NetDefinition definition(String prototxt) throws IOException {
        return NetDefinition.from(TextFormatParser.parse(prototxt, "test.prototxt"));
    }

    static CaffeNet build(String prototxt, Map<String, List<Tensor>> blobs) throws IOException {
        Map<String, LayerBlobs> layers = new LinkedHashMap<>();
        blobs.forEach((name, list) -> layers.put(name, new LayerBlobs(name, "", list)));
        return CaffeNet.build(definition(prototxt), new CaffeWeights("test.caffemodel", layers));
    }

    static CaffeNet build(String prototxt) throws IOException {
        return build(prototxt, Map.of());
    }
}
