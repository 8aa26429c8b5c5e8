package vigil.io.pth;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * What a checkpoint container yields, whichever its format: the unpickled top-level object (holding
 * {@link PickledTensor}s) and the bytes of every root storage they refer to, by key, each buffer
 * already set to the file's byte order.
 */
record PickledCheckpoint(Object root, Map<String, ByteBuffer> storageBytes) {
}
