package vigil.data.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Set;

/**
 * Checks the box structure of an ISO BMFF file (MP4, MOV, M4V) before JCodec parses it: every
 * top-level box fits in the file (a cut 'mdat' after the 'moov' excepted), a 'moov' box exists, and
 * inside 'moov' every container box's children fit exactly in their parent. JCodec trusts these
 * sizes; on a file cut inside 'moov' it can loop forever, so a cut or corrupt header must be refused
 * here, naming the box and its offset.
 */
final class IsoBoxLayout {
    /**
     * Boxes made only of child boxes that JCodec descends into (ISO/IEC 14496-12), walked recursively.
     * Not 'udta': QuickTime ends its lists with a 4-byte zero terminator that is no box.
     */
    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "edts", "dinf",
            "mvex");
    private static final int MAX_DEPTH = 16;

    /** Where the 'moov' box (the sample tables) lies; the samples may still be cut off (see Mp4SampleIndex). */
    record Found(long moovOffset, long fileSize) {
    }

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;

    private IsoBoxLayout(Path file, FileChannel channel, long fileSize) {
        this.file = file;
        this.channel = channel;
        this.fileSize = fileSize;
    }

    static Found check(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        return new IsoBoxLayout(file, channel, size).walkTopLevel();
    }

    private Found walkTopLevel() throws IOException {
        long moovOffset = -1;
        long offset = 0;
        while (offset < fileSize) {
            Header h = header(offset, fileSize, "top level", true);
            if (h.size > fileSize - offset) {
                // Only 'mdat' may be cut (header() refuses the rest): a recording interrupted while
                // writing its samples, readable up to the cut if its 'moov' came first.
                if (moovOffset < 0) {
                    throw new VideoDecodeException(file, offset, "the file is truncated at byte " + fileSize
                            + " inside its 'mdat' box (declared " + h.size + " bytes), and the 'moov' box with"
                            + " the sample tables, written after it, is lost");
                }
                break;
            }
            if (h.type.equals("moov")) {
                if (moovOffset >= 0) {
                    throw new VideoDecodeException(file, offset, "a second 'moov' box (the first is at byte offset "
                            + moovOffset + ")");
                }
                moovOffset = offset;
                walkChildren(offset + h.headerSize, offset + h.size, "moov", 1);
            }
            offset += h.size;
        }
        if (moovOffset < 0) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET,
                    "no 'moov' box (the movie header with the sample tables): the file is cut before it, or is not"
                            + " a complete MP4/MOV");
        }
        return new Found(moovOffset, fileSize);
    }

    private void walkChildren(long start, long end, String parent, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new VideoDecodeException(file, start, "boxes nested deeper than " + MAX_DEPTH + " inside '" + parent
                    + "': corrupt header");
        }
        long offset = start;
        while (offset < end) {
            Header h = header(offset, end, "'" + parent + "'", false);
            if (CONTAINERS.contains(h.type)) {
                walkChildren(offset + h.headerSize, offset + h.size, h.type, depth + 1);
            }
            offset += h.size;
        }
    }

    private record Header(String type, long size, int headerSize) {
    }

    /**
     * The box header at offset. The box must end by limit (the end of its parent, or of the file),
     * except a top-level 'mdat' when mdatMayBeCut: its declared size is returned as is.
     */
    private Header header(long offset, long limit, String where, boolean mdatMayBeCut) throws IOException {
        if (limit - offset < 8) {
            throw new VideoDecodeException(file, offset, (limit - offset) + " stray bytes at the end of " + where
                    + ", too few for a box header" + cutHint(limit));
        }
        ByteBuffer b = read(offset, 16 <= limit - offset ? 16 : 8);
        long size = b.getInt(0) & 0xffffffffL;
        String type = new String(new byte[] {b.get(4), b.get(5), b.get(6), b.get(7)}, StandardCharsets.ISO_8859_1);
        if (!printable(type)) {
            throw new VideoDecodeException(file, offset, "no valid box header in " + where + " (type bytes "
                    + HexFormat.ofDelimiter(" ").formatHex(b.array(), 4, 8) + "): corrupt or not MP4/MOV");
        }
        int headerSize = 8;
        if (size == 1) {
            if (b.limit() < 16) {
                throw new VideoDecodeException(file, offset, "box '" + type + "' in " + where
                        + " has a 64-bit size that the file cuts off");
            }
            size = b.getLong(8);
            headerSize = 16;
        } else if (size == 0) {
            size = limit - offset;
        }
        if (size < headerSize) {
            throw new VideoDecodeException(file, offset, "box '" + type + "' in " + where + " declares " + size
                    + " bytes, less than its own header: corrupt header");
        }
        if (size > limit - offset && !(mdatMayBeCut && type.equals("mdat"))) {
            throw new VideoDecodeException(file, offset, "box '" + type + "' in " + where + " declares " + size
                    + " bytes but only " + (limit - offset) + " remain" + cutHint(limit));
        }
        return new Header(type, size, headerSize);
    }

    private String cutHint(long limit) {
        return limit == fileSize ? " (the file is truncated at byte " + fileSize + ")" : "";
    }

    private static boolean printable(String type) {
        for (int i = 0; i < 4; i++) {
            char c = type.charAt(i);
            // Box types are four printable Latin-1 characters ('©' starts QuickTime metadata keys).
            if (c < 0x20 || (c > 0x7e && c != 0xa9)) {
                return false;
            }
        }
        return true;
    }

    private ByteBuffer read(long offset, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (channel.read(b, offset + b.position()) < 0) {
                throw new VideoDecodeException(file, offset, "file ended inside a box header");
            }
        }
        return b;
    }
}
