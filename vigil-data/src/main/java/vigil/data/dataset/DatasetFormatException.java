package vigil.data.dataset;

import java.io.IOException;
import java.nio.file.Path;

/** A dataset description (list file, data-mix config, label file, record) that does not parse; names the file and line. */
public final class DatasetFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    /** A problem at a line (1-based), or with the whole file when line is 0. */
    public DatasetFormatException(Path file, int line, String detail) {
        super((line > 0 ? file + ":" + line : file.toString()) + ": " + detail);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based, or 0 when the problem is not at one line. */
    public int line() {
        return line;
    }
}
