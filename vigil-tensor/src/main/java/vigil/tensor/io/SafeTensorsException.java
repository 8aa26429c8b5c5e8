package vigil.tensor.io;

import java.io.IOException;

/** A safetensors file that cannot be read as written: the message names the file and what is wrong. */
public class SafeTensorsException extends IOException {
    public SafeTensorsException(String message) {
        super(message);
    }
}
