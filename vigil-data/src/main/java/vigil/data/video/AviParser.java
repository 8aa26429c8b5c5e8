package vigil.data.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an AVI's RIFF structure (not its pixels): the {@code hdrl} list ({@code avih}, one
 * {@code strl} per stream with {@code strh} and {@code strf}), the {@code movi} lists (also in
 * OpenDML {@code RIFF AVIX} parts, and {@code LIST rec} groups inside them), and the {@code idx1}
 * index. The index, when present and consistent, gives the frames directly; otherwise the
 * {@code movi} chunks are walked. A file that ends inside {@code movi} is recorded as truncated at
 * the first chunk it cuts; any other inconsistency is a {@link VideoDecodeException} with its offset.
 */
final class AviParser {
    /** biCompression / fccHandler codes of Motion JPEG variants that a baseline JPEG decoder reads. */
    private static final Set<String> MJPEG_CODES = Set.of("MJPG", "AVRN", "LJPG", "JPGL", "JPEG", "DMB1", "IJPG", "AVDJ");

    private final Path file;
    private final FileChannel channel;
    private final long fileLength;
    private AviVideoStream video;
    private final List<long[]> moviLists = new ArrayList<>(); // {offset of 'movi' id, declared end}
    private RiffChunkHeader idx1;

    private AviParser(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.fileLength = channel.size();
    }

    static AviLayout parse(Path file, FileChannel channel) throws IOException {
        return new AviParser(file, channel).parse();
    }

    private AviLayout parse() throws IOException {
        if (fileLength < 12) {
            throw error(0, "not an AVI file: only " + fileLength + " bytes");
        }
        RiffChunkHeader riff = header(0);
        String form = fourcc(8);
        if (!riff.fourcc().equals("RIFF") || !form.equals("AVI ")) {
            throw error(0, "not an AVI file: starts with '" + printable(riff.fourcc()) + "' form '" + printable(form)
                    + "', expected 'RIFF' form 'AVI '");
        }
        walkTopLevel(12, riff.dataOffset() + riff.size());
        // OpenDML files continue in further 'RIFF AVIX' parts after the first.
        for (long pos = riff.end(); pos + 12 <= fileLength; ) {
            RiffChunkHeader part = header(pos);
            if (!part.fourcc().equals("RIFF") || !fourcc(pos + 8).equals("AVIX")) {
                break;
            }
            walkTopLevel(pos + 12, part.dataOffset() + part.size());
            pos = part.end();
        }
        if (video == null) {
            throw error(12, "no video stream in its 'hdrl' headers");
        }
        if (moviLists.isEmpty()) {
            throw error(12, "no 'movi' list holding frames");
        }
        if (idx1 != null && moviLists.size() == 1) {
            AviLayout indexed = fromIndex();
            if (indexed != null) {
                return indexed;
            }
        }
        return byScanning();
    }

    private void walkTopLevel(long pos, long end) throws IOException {
        while (pos < end && pos + RiffChunkHeader.BYTES <= fileLength) {
            RiffChunkHeader chunk = header(pos);
            if (!chunk.hasPrintableId()) {
                throw error(pos, "chunk id " + hex(chunk.fourcc()) + " is not a RIFF four-character code");
            }
            if (chunk.fourcc().equals("LIST")) {
                String type = pos + 12 <= fileLength ? fourcc(pos + 8) : "";
                if (type.equals("hdrl")) {
                    if (chunk.end() > fileLength) {
                        throw error(pos, "file ends at byte " + fileLength + " inside the 'hdrl' header list");
                    }
                    readHeaders(pos + 12, chunk.dataOffset() + chunk.size());
                } else if (type.equals("movi")) {
                    moviLists.add(new long[] {pos + 8, chunk.dataOffset() + chunk.size()});
                }
            } else if (chunk.fourcc().equals("idx1") && chunk.dataOffset() + chunk.size() <= fileLength) {
                idx1 = chunk; // a cut index is ignored: the movi walk finds the frames
            }
            pos = chunk.end();
        }
    }

    private void readHeaders(long pos, long end) throws IOException {
        long microSecPerFrame = 0;
        int streamNumber = 0;
        while (pos + RiffChunkHeader.BYTES <= end) {
            RiffChunkHeader chunk = header(pos);
            if (chunk.fourcc().equals("avih")) {
                microSecPerFrame = u32(read(chunk.dataOffset(), 4, "avih"), 0);
            } else if (chunk.fourcc().equals("LIST") && fourcc(pos + 8).equals("strl")) {
                if (video == null) {
                    video = readStream(streamNumber, pos + 12, chunk.dataOffset() + chunk.size(), microSecPerFrame);
                }
                streamNumber++;
            }
            pos = chunk.end();
        }
        if (video != null && !video.hasTimeBase() && video.microSecPerFrame() <= 0) {
            throw error(12, "neither the video stream's rate/scale nor avih's dwMicroSecPerFrame gives a frame rate");
        }
    }

    /** The stream described by one strl list, if it is video; null for audio and other streams. */
    private AviVideoStream readStream(int number, long pos, long end, long microSecPerFrame) throws IOException {
        ByteBuffer strh = null;
        ByteBuffer strf = null;
        long strfOffset = pos;
        while (pos + RiffChunkHeader.BYTES <= end) {
            RiffChunkHeader chunk = header(pos);
            if (chunk.fourcc().equals("strh")) {
                strh = read(chunk.dataOffset(), 36, "strh");
            } else if (chunk.fourcc().equals("strf")) {
                strfOffset = chunk.dataOffset();
                strf = read(chunk.dataOffset(), (int) Math.min(chunk.size(), 40), "strf");
            }
            pos = chunk.end();
        }
        if (strh == null || !ascii(strh, 0).equals("vids")) {
            return null;
        }
        String handler = ascii(strh, 4);
        if (strf == null || strf.limit() < 20) {
            throw error(strfOffset, "video stream " + number + " has no BITMAPINFOHEADER 'strf'");
        }
        String compression = ascii(strf, 16);
        boolean mjpeg = MJPEG_CODES.contains(compression.toUpperCase(Locale.ROOT))
                || (strf.getInt(16) == 0 && MJPEG_CODES.contains(handler.toUpperCase(Locale.ROOT)));
        if (!mjpeg) {
            throw error(strfOffset + 16, "video codec '" + printable(compression) + "' (handler '" + printable(handler)
                    + "') is not supported; only Motion JPEG AVI is read here");
        }
        return new AviVideoStream(number, handler, compression, strf.getInt(4), Math.abs(strf.getInt(8)),
                u32(strh, 20), u32(strh, 24), u32(strh, 28), microSecPerFrame);
    }

    /** Frames from idx1, or null when the index does not point at this stream's chunks (then the walk decides). */
    private AviLayout fromIndex() throws IOException {
        long movi = moviLists.get(0)[0];
        int entries = (int) Math.min(idx1.size() / 16, Integer.MAX_VALUE);
        ByteBuffer index = read(idx1.dataOffset(), entries * 16, "idx1");
        List<AviFrameChunk> frames = new ArrayList<>();
        long base = -1;
        int slot = 0;
        for (int e = 0; e < entries; e++) {
            String id = ascii(index, e * 16);
            if (!video.isFrameChunk(id)) {
                continue;
            }
            long offset = u32(index, e * 16 + 8);
            long size = u32(index, e * 16 + 12);
            if (base < 0) {
                // Offsets count from the 'movi' id in most files, from the file start in some.
                base = pointsAt(movi + offset, id) ? movi : pointsAt(offset, id) ? 0 : -1;
                if (base < 0) {
                    return null;
                }
            }
            long chunk = base + offset;
            if (chunk + RiffChunkHeader.BYTES + size > fileLength) {
                return new AviLayout(video, frames, chunk, "frame " + frames.size() + " ('" + id + "') declares " + size
                        + " bytes but the file ends at byte " + fileLength, true);
            }
            if (size > 0) {
                frames.add(new AviFrameChunk(chunk + RiffChunkHeader.BYTES, (int) size, slot));
            }
            slot++;
        }
        return base < 0 ? null : new AviLayout(video, frames, -1, "", true);
    }

    private boolean pointsAt(long offset, String id) throws IOException {
        return offset >= 0 && offset + RiffChunkHeader.BYTES <= fileLength && fourcc(offset).equals(id);
    }

    private AviLayout byScanning() throws IOException {
        List<AviFrameChunk> frames = new ArrayList<>();
        int slot = 0;
        for (long[] movi : moviLists) {
            long pos = movi[0] + 4;
            long end = movi[1];
            while (pos < end) {
                if (pos + RiffChunkHeader.BYTES > fileLength) {
                    return new AviLayout(video, frames, pos, "file ends at byte " + fileLength + ", "
                            + (end - pos) + " bytes before the end of its 'movi' list", false);
                }
                RiffChunkHeader chunk = header(pos);
                if (!chunk.hasPrintableId()) {
                    throw error(pos, "chunk id " + hex(chunk.fourcc()) + " inside 'movi' is not a RIFF four-character code");
                }
                if (chunk.fourcc().equals("LIST")) {
                    pos += 12; // 'rec ' groups: their chunks follow in place
                    continue;
                }
                long dataEnd = chunk.dataOffset() + chunk.size();
                if (dataEnd > fileLength) {
                    return new AviLayout(video, frames, pos, "chunk '" + chunk.fourcc() + "' (frame " + frames.size()
                            + ") declares " + chunk.size() + " bytes but the file ends after "
                            + (fileLength - chunk.dataOffset()) + " of them", false);
                }
                if (dataEnd > end) {
                    throw error(pos, "chunk '" + chunk.fourcc() + "' of " + chunk.size()
                            + " bytes runs past the end of its 'movi' list at byte " + end);
                }
                if (video.isFrameChunk(chunk.fourcc())) {
                    if (chunk.size() > 0) {
                        frames.add(new AviFrameChunk(chunk.dataOffset(), (int) chunk.size(), slot));
                    }
                    slot++;
                }
                pos = chunk.end();
            }
        }
        return new AviLayout(video, frames, -1, "", false);
    }

    private RiffChunkHeader header(long offset) throws IOException {
        ByteBuffer b = read(offset, RiffChunkHeader.BYTES, "chunk header");
        return new RiffChunkHeader(offset, ascii(b, 0), u32(b, 4));
    }

    private String fourcc(long offset) throws IOException {
        return ascii(read(offset, 4, "four-character code"), 0);
    }

    /** Exactly n bytes at offset, little-endian; running past the end of the file is an error naming both. */
    private ByteBuffer read(long offset, int n, String what) throws IOException {
        if (offset + n > fileLength) {
            throw error(offset, "file ends at byte " + fileLength + " inside " + what + " (" + n + " bytes needed)");
        }
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, offset + b.position()) < 0) {
                throw error(offset + b.position(), "unexpected end of file inside " + what);
            }
        }
        return b.flip();
    }

    private static String ascii(ByteBuffer b, int at) {
        byte[] id = new byte[4];
        b.get(at, id);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }

    private static String printable(String id) {
        return new RiffChunkHeader(0, id, 0).hasPrintableId() ? id : hex(id);
    }

    private static String hex(String id) {
        StringBuilder s = new StringBuilder("0x");
        for (char c : id.toCharArray()) {
            s.append(String.format("%02x", (int) c));
        }
        return s.toString();
    }

    private VideoDecodeException error(long offset, String detail) {
        return new VideoDecodeException(file, offset, detail);
    }
}
