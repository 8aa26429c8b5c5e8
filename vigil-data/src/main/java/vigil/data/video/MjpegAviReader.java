package vigil.data.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Motion JPEG in AVI, in pure Java: {@link AviParser} finds the frame chunks, each is decoded as a
 * JPEG ({@link MjpegFrameDecoder}). Timestamps come from the video stream's rate / scale (or
 * avih's dwMicroSecPerFrame), counting empty "drop frame" chunks as time slots. A file cut inside
 * its frames delivers every complete frame, then fails at the cut (naming its byte offset) or, with
 * {@link TruncatedFramePolicy#SKIP}, ends there and counts the cut frame in {@link #skippedFrames()}.
 */
public final class MjpegAviReader implements VideoSource {
    private final Path file;
    private final FileChannel channel;
    private final AviLayout layout;
    private final TruncatedFramePolicy onTruncated;
    private final MjpegFrameDecoder decoder;
    private int next;
    private int skipped;

    private MjpegAviReader(Path file, FileChannel channel, AviLayout layout, TruncatedFramePolicy onTruncated,
            MjpegFrameDecoder decoder) {
        this.file = file;
        this.channel = channel;
        this.layout = layout;
        this.onTruncated = onTruncated;
        this.decoder = decoder;
    }

    /** Opens and indexes the file (headers and frame positions only; pixels are decoded by {@link #next()}). */
    public static MjpegAviReader open(Path file, TruncatedFramePolicy onTruncated) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, "cannot open: " + e, e);
        }
        try {
            AviLayout layout = AviParser.parse(file, channel);
            return new MjpegAviReader(file, channel, layout, onTruncated, new MjpegFrameDecoder(file));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public Path path() {
        return file;
    }

    @Override
    public OptionalDouble frameRate() {
        return OptionalDouble.of(layout.video().framesPerSecond());
    }

    /** The complete frames found (a truncated last frame is not counted). */
    @Override
    public OptionalInt frameCount() {
        return OptionalInt.of(layout.frames().size());
    }

    /** Frame width and height from the stream's BITMAPINFOHEADER (the decoded JPEGs decide in the end). */
    public int declaredWidth() {
        return layout.video().width();
    }

    public int declaredHeight() {
        return layout.video().height();
    }

    @Override
    public Optional<VideoFrame> next() throws VideoDecodeException {
        if (next >= layout.frames().size()) {
            if (layout.truncated() && skipped == 0) {
                if (onTruncated == TruncatedFramePolicy.FAIL) {
                    throw new VideoDecodeException(file, layout.truncatedAt(), "truncated: " + layout.truncation());
                }
                skipped = 1;
            }
            return Optional.empty();
        }
        AviFrameChunk chunk = layout.frames().get(next);
        byte[] jpeg = readChunk(chunk);
        VideoFrame frame = new VideoFrame(decoder.decode(jpeg, next, chunk.dataOffset()), next,
                layout.video().secondsAt(chunk.slot()));
        next++;
        return Optional.of(frame);
    }

    @Override
    public int skippedFrames() {
        return skipped;
    }

    private byte[] readChunk(AviFrameChunk chunk) throws VideoDecodeException {
        ByteBuffer b = ByteBuffer.allocate(chunk.size());
        try {
            while (b.hasRemaining()) {
                if (channel.read(b, chunk.dataOffset() + b.position()) < 0) {
                    throw new VideoDecodeException(file, chunk.dataOffset() + b.position(),
                            "file ended while reading frame " + next + " (it shrank after opening?)");
                }
            }
        } catch (VideoDecodeException e) {
            throw e;
        } catch (IOException e) {
            throw new VideoDecodeException(file, chunk.dataOffset(), "reading frame " + next + ": " + e, e);
        }
        return b.array();
    }

    @Override
    public void close() throws IOException {
        decoder.close();
        channel.close();
    }
}
