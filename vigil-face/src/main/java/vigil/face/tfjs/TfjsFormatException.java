package vigil.face.tfjs;

import java.io.IOException;

/** A TF.js weights manifest or binary that cannot be read: the message names the file and tensor. */
public final class TfjsFormatException extends IOException {
    public TfjsFormatException(String message) {
        super(message);
    }
}
