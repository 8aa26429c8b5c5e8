package vigil.io.caffe;

import java.util.List;
import vigil.tensor.io.protobuf.ProtobufFormatException;
import vigil.io.protobuf.TextMessage;

/**
 * One layer of a prototxt: name, type, the blobs it reads (bottoms) and writes (tops), and the
 * whole LayerParameter message, from which each layer reads its own parameter block
 * (e.g. {@code param("convolution_param")}).
 */
public record LayerSpec(String name, String type, List<String> bottoms, List<String> tops, TextMessage message) {
    public LayerSpec {
        bottoms = List.copyOf(bottoms);
        tops = List.copyOf(tops);
    }

    /** A parameter sub-message such as "pooling_param"; empty (all defaults) when the layer omits it. */
    public TextMessage param(String field) throws ProtobufFormatException {
        return message.message(field);
    }

    /** "layer 'conv1' (Convolution)", the prefix of every error about this layer. */
    public String where() {
        return "layer '" + name + "' (" + type + ")";
    }

    /** An error about this layer, located at its line of the prototxt. */
    public CaffeFormatException error(String what) {
        return new CaffeFormatException(message.source() + ":" + message.line() + ": " + where() + ": " + what);
    }
}
