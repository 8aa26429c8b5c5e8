package vigil.data.idx;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file (the MNIST / Fashion-MNIST container): magic 0x0000 | type | rank, big-endian
 * dimension sizes, then the unsigned bytes. Only the unsigned-byte type (0x08) occurs in these
 * datasets and only it is accepted. Reads plain or gzip-compressed files.
 */
public record IdxFile(int[] dims, byte[] data) {
    private static final int UNSIGNED_BYTE = 0x08;
    /** No real IDX file here exceeds this; a larger header value means a corrupt or foreign file. */
    private static final long MAX_ELEMENTS = 1L << 30;

    public static IdxFile read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            DataInputStream data = new DataInputStream(in);
            int magic = data.readInt();
            int type = (magic >>> 8) & 0xff;
            int rank = magic & 0xff;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank < 1 || rank > 4) {
                throw new IOException(file + ": not an unsigned-byte IDX file (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int[] dims = new int[rank];
            long n = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = data.readInt();
                n *= dims[i];
                if (dims[i] < 0 || n > MAX_ELEMENTS) {
                    throw new IOException(file + ": implausible IDX dimension " + dims[i] + " at index " + i);
                }
            }
            byte[] bytes = new byte[(int) n];
            try {
                data.readFully(bytes);
            } catch (EOFException e) {
                throw new IOException(file + ": truncated, header promises " + n + " bytes of data", e);
            }
            return new IdxFile(dims, bytes);
        }
    }
}
