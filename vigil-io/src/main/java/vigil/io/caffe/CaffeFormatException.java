package vigil.io.caffe;

import java.io.IOException;

/**
 * A Caffe network (prototxt) or weights file (caffemodel) that cannot be used as written: the
 * message names the file and the layer, blob or field that is wrong.
 */
public class CaffeFormatException extends IOException {
    public CaffeFormatException(String message) {
        super(message);
    }
}
