package vigil.data.image;

import java.io.IOException;
import java.nio.file.Path;

/** A file that could not be decoded into an image, with the file and a typed reason. */
public final class ImageDecodeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why decoding failed; a caller can report these per image and go on with the others. */
    public enum Reason {
        /** Missing, a directory, no permission, or an I/O error while reading. */
        UNREADABLE("cannot read file"),
        /** No image decoder recognises the content (whatever the file name says). */
        NOT_AN_IMAGE("not an image"),
        /** An image format or variant this decoder does not handle (e.g. TIFF, CMYK JPEG). */
        UNSUPPORTED("unsupported image"),
        /** The data ends before the image does. */
        TRUNCATED("truncated image"),
        /** The header claims more pixels than the configured limit (decompression-bomb guard). */
        TOO_LARGE("image too large"),
        /** The decoder rejected the content. */
        CORRUPT("corrupt image");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final transient Path file;
    private final Reason reason;

    public ImageDecodeException(Path file, Reason reason, String detail) {
        this(file, reason, detail, null);
    }

    public ImageDecodeException(Path file, Reason reason, String detail, Throwable cause) {
        super(file + ": " + reason.label() + " (" + detail + ")", cause);
        this.file = file;
        this.reason = reason;
    }

    /** For an image decoded from memory: source names it (a record, a stream) in the message; {@link #file()} is null. */
    public ImageDecodeException(String source, Reason reason, String detail, Throwable cause) {
        super(source + ": " + reason.label() + " (" + detail + ")", cause);
        this.file = null;
        this.reason = reason;
    }

    /** The file that failed, or null when the image came from memory. */
    public Path file() {
        return file;
    }

    public Reason reason() {
        return reason;
    }
}
