package vigil.data.video;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Frames of a video, in presentation order, one at a time (so a long clip never sits in memory
 * whole). Implementations: {@link MjpegAviReader} (MJPEG in AVI), {@link H264Mp4Reader} (H.264 in
 * MP4/MOV), {@link AnimatedGifReader} and {@link FrameFolderReader} (a directory of numbered images).
 */
public interface VideoSource extends AutoCloseable {
    /** The file or directory the frames come from (for messages). */
    Path path();

    /** The next frame, or empty after the last one. */
    Optional<VideoFrame> next() throws VideoDecodeException;

    /** The nominal frame rate in frames per second, when the container states one (GIFs with varying delays do not). */
    OptionalDouble frameRate();

    /** How many frames the container says it holds, when known before decoding. */
    OptionalInt frameCount();

    /** Frames dropped instead of failing (a truncated last frame under {@link TruncatedFramePolicy#SKIP}). */
    default int skippedFrames() {
        return 0;
    }

    /** Every remaining frame, decoded; for short clips and tests. */
    default List<VideoFrame> readAll() throws VideoDecodeException {
        List<VideoFrame> frames = new ArrayList<>();
        for (Optional<VideoFrame> f = next(); f.isPresent(); f = next()) {
            frames.add(f.get());
        }
        return frames;
    }

    @Override
    void close() throws IOException;

    /**
     * Opens a video file by its content, not its name: RIFF/AVI with MJPEG, an animated GIF, or an
     * ISO BMFF file (MP4, MOV, M4V: first box 'ftyp', or for old QuickTime files 'moov', 'mdat',
     * 'wide' or 'free') with H.264 video. A directory needs a frame rate: use
     * {@link FrameFolderReader#open(Path, double)}.
     */
    static VideoSource open(Path file, TruncatedFramePolicy onTruncated) throws IOException {
        if (Files.isDirectory(file)) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET,
                    "is a directory; open a folder of frames with FrameFolderReader.open(dir, fps)");
        }
        if (!Files.isReadable(file)) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET,
                    Files.exists(file) ? "no permission to read it" : "no such file");
        }
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String magic = new String(head, 0, Math.min(n, 4), StandardCharsets.ISO_8859_1);
        if (magic.equals("RIFF")) {
            return MjpegAviReader.open(file, onTruncated);
        }
        if (magic.equals("GIF8")) {
            return AnimatedGifReader.open(file);
        }
        if (n >= 8 && isoBoxType(new String(head, 4, 4, StandardCharsets.ISO_8859_1))) {
            return H264Mp4Reader.open(file, onTruncated);
        }
        throw new VideoDecodeException(file, 0, n == 0 ? "empty file"
                : "not a video format read here (MJPEG AVI, animated GIF, H.264 MP4/MOV); it starts with bytes "
                        + HexFormat.ofDelimiter(" ").formatHex(head, 0, n));
    }

    /** The type of an ISO BMFF file's first box: 'ftyp' in MP4 and modern MOV, others in pre-2000 QuickTime. */
    private static boolean isoBoxType(String type) {
        return type.equals("ftyp") || type.equals("moov") || type.equals("mdat") || type.equals("wide")
                || type.equals("free");
    }
}
