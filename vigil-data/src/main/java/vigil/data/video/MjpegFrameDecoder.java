package vigil.data.video;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import vigil.data.image.BgrImage;
import vigil.data.image.BufferedImageToBgr;

/**
 * One Motion JPEG frame's bytes to BGR pixels with the JDK's JPEG decoder (the IJG one OpenCV
 * uses), after {@link MjpegHuffmanTables} restores the tables MJPEG leaves out. One ImageIO reader
 * is reused for every frame of a video; close it with {@link #close()}.
 */
final class MjpegFrameDecoder implements AutoCloseable {
    private final Path file;
    private final ImageReader reader;
    private final List<String> warnings = new ArrayList<>();

    MjpegFrameDecoder(Path file) throws VideoDecodeException {
        this.file = file;
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, "this JDK has no ImageIO JPEG decoder");
        }
        reader = readers.next();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    }

    /** Decodes frame {@code index} whose JPEG data starts at byte {@code offset} of the file (for messages). */
    BgrImage decode(byte[] jpeg, int index, long offset) throws VideoDecodeException {
        byte[] complete = MjpegHuffmanTables.withStandardTables(jpeg);
        warnings.clear();
        BufferedImage pixels;
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(complete))) {
            reader.setInput(in, true, true);
            pixels = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new VideoDecodeException(file, offset, "frame " + index + ": JPEG data is corrupt ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } finally {
            reader.setInput(null);
        }
        for (String warning : warnings) {
            String w = warning.toLowerCase(Locale.ROOT);
            if (w.contains("truncated") || w.contains("premature end") || w.contains("corrupt")) {
                throw new VideoDecodeException(file, offset, "frame " + index + ": JPEG data is damaged (" + warning + ")");
            }
        }
        try {
            return BufferedImageToBgr.convert(pixels);
        } catch (IllegalArgumentException e) {
            throw new VideoDecodeException(file, offset, "frame " + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        reader.dispose();
    }
}
