package vigil.data.video;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A video that could not be read: not a format handled here, corrupt, or truncated. The message
 * names the file and, where the fault has one, the byte offset in the file.
 */
public final class VideoDecodeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Byte offset meaning "no particular place in the file". */
    public static final long NO_OFFSET = -1;

    private final transient Path file;
    private final long byteOffset;

    public VideoDecodeException(Path file, long byteOffset, String detail) {
        this(file, byteOffset, detail, null);
    }

    public VideoDecodeException(Path file, long byteOffset, String detail, Throwable cause) {
        super(file + (byteOffset >= 0 ? " at byte offset " + byteOffset : "") + ": " + detail, cause);
        this.file = file;
        this.byteOffset = byteOffset;
    }

    public Path file() {
        return file;
    }

    /** Where in the file the fault lies, or {@link #NO_OFFSET}. */
    public long byteOffset() {
        return byteOffset;
    }
}
