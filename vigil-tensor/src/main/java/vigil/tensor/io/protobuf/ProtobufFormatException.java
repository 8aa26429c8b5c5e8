package vigil.tensor.io.protobuf;

import java.io.IOException;

/**
 * A protobuf file (text or binary) that cannot be read: the message names the source and where in
 * it (line for text, byte offset for binary) the problem is.
 */
public class ProtobufFormatException extends IOException {
    public ProtobufFormatException(String message) {
        super(message);
    }
}
