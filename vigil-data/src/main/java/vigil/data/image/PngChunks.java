package vigil.data.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Walks a PNG's chunk list by its length fields (no data read) to see whether the file is complete. */
final class PngChunks {
    private static final int IEND = 0x49454e44;

    private PngChunks() {
    }

    /** True when the chunk list reaches a whole IEND chunk (length, type, CRC) inside the file. */
    static boolean endsWithIend(Path file) throws IOException {
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            return endsWithIend(in);
        }
    }

    /** The same, from a channel over the encoded bytes (a file or memory); the channel is not closed. */
    static boolean endsWithIend(SeekableByteChannel in) throws IOException {
        long size = in.size();
        long pos = 8; // after the signature
        ByteBuffer head = ByteBuffer.allocate(8);
        while (pos + 12 <= size) {
            head.clear();
            in.position(pos);
            while (head.hasRemaining() && in.read(head) >= 0) {
                // fill the 8-byte chunk head
            }
            if (head.hasRemaining()) {
                return false;
            }
            long length = head.getInt(0) & 0xffffffffL;
            long next = pos + 12 + length;
            if (head.getInt(4) == IEND) {
                return next <= size;
            }
            pos = next;
        }
        return false;
    }
}
