package vigil.io.pth;

import java.io.IOException;

/**
 * A {@code .pth} checkpoint that is refused: corrupt, truncated, or asking for something a plain
 * state_dict never needs (an unknown global, a disallowed opcode). The message names the file, the
 * entry and, for pickle problems, the byte offset.
 */
public class PthFormatException extends IOException {
    public PthFormatException(String message) {
        super(message);
    }

    public PthFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
