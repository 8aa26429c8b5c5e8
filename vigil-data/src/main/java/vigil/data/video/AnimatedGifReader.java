package vigil.data.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;
import vigil.data.image.BgrImage;

/**
 * Every frame of an animated GIF as the full logical screen, composited the way viewers show it:
 * each frame's rectangle drawn at its offset over the previous picture (transparent pixels let it
 * show through), then disposed as its Graphic Control Extension says. The screen starts as the
 * global palette's background colour (black without a global palette), and "restore to background"
 * paints that colour. Frame k is shown at the sum of the delays before it (GIF delays are
 * hundredths of a second; a delay of 0 is kept as 0, not replaced by a viewer's default).
 */
public final class AnimatedGifReader implements VideoSource {
    private final Path file;
    private final ImageInputStream stream;
    private final ImageReader reader;
    private final List<GifFrameInfo> frames;
    private final int screenWidth;
    private final int screenHeight;
    private final int background;
    private final int[] canvas;
    private int next;
    private long elapsedCentiseconds;

    private AnimatedGifReader(Path file, ImageInputStream stream, ImageReader reader, List<GifFrameInfo> frames,
            int screenWidth, int screenHeight, int background) {
        this.file = file;
        this.stream = stream;
        this.reader = reader;
        this.frames = frames;
        this.screenWidth = screenWidth;
        this.screenHeight = screenHeight;
        this.background = background;
        this.canvas = new int[screenWidth * screenHeight];
        Arrays.fill(canvas, background);
    }

    /** Opens the GIF and reads every frame's metadata (positions, delays, disposal), not yet its pixels. */
    public static AnimatedGifReader open(Path file) throws VideoDecodeException {
        ImageInputStream stream = null;
        ImageReader reader = null;
        try {
            stream = ImageIO.createImageInputStream(file.toFile());
            if (stream == null) {
                throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, "cannot open");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("gif");
            reader = readers.next();
            reader.setInput(stream, false, false);
            IIOMetadata streamMetadata = reader.getStreamMetadata();
            Node root = streamMetadata.getAsTree("javax_imageio_gif_stream_1.0");
            int width = 0;
            int height = 0;
            int background = 0xff000000;
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("LogicalScreenDescriptor")) {
                    width = GifFrameInfo.intAttr(n.getAttributes(), "logicalScreenWidth");
                    height = GifFrameInfo.intAttr(n.getAttributes(), "logicalScreenHeight");
                } else if (n.getNodeName().equals("GlobalColorTable")) {
                    background = paletteEntry(n, GifFrameInfo.intAttr(n.getAttributes(), "backgroundColorIndex"));
                }
            }
            int count = reader.getNumImages(true);
            if (width <= 0 || height <= 0 || count <= 0) {
                throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, "GIF with logical screen "
                        + width + "x" + height + " and " + count + " frames");
            }
            List<GifFrameInfo> frames = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                frames.add(GifFrameInfo.of(reader.getImageMetadata(i)));
            }
            return new AnimatedGifReader(file, stream, reader, List.copyOf(frames), width, height, background);
        } catch (IOException | RuntimeException e) {
            if (reader != null) {
                reader.dispose();
            }
            try {
                if (stream != null) {
                    stream.close();
                }
            } catch (IOException ignored) {
                // the open failure is the error worth reporting
            }
            if (e instanceof VideoDecodeException v) {
                throw v;
            }
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, "not a readable GIF: " + e, e);
        }
    }

    private static int paletteEntry(Node table, int index) {
        for (Node e = table.getFirstChild(); e != null; e = e.getNextSibling()) {
            if (GifFrameInfo.intAttr(e.getAttributes(), "index") == index) {
                return 0xff000000 | GifFrameInfo.intAttr(e.getAttributes(), "red") << 16
                        | GifFrameInfo.intAttr(e.getAttributes(), "green") << 8
                        | GifFrameInfo.intAttr(e.getAttributes(), "blue");
            }
        }
        return 0xff000000;
    }

    @Override
    public Path path() {
        return file;
    }

    /** Frames per second when every frame has the same non-zero delay; empty otherwise. */
    @Override
    public OptionalDouble frameRate() {
        int delay = frames.get(0).delayCentiseconds();
        for (GifFrameInfo f : frames) {
            if (f.delayCentiseconds() != delay) {
                return OptionalDouble.empty();
            }
        }
        return delay > 0 ? OptionalDouble.of(100.0 / delay) : OptionalDouble.empty();
    }

    @Override
    public OptionalInt frameCount() {
        return OptionalInt.of(frames.size());
    }

    /** The logical screen's size, which every delivered frame has. */
    public int width() {
        return screenWidth;
    }

    public int height() {
        return screenHeight;
    }

    @Override
    public Optional<VideoFrame> next() throws VideoDecodeException {
        if (next >= frames.size()) {
            return Optional.empty();
        }
        GifFrameInfo info = frames.get(next);
        BufferedImage pixels;
        try {
            pixels = reader.read(next);
        } catch (IOException | RuntimeException e) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, "GIF frame " + next + ": " + e, e);
        }
        int[] previous = info.disposal() == GifFrameInfo.Disposal.RESTORE_PREVIOUS ? canvas.clone() : null;
        draw(pixels, info);
        VideoFrame frame = new VideoFrame(toBgr(), next, elapsedCentiseconds / 100.0);
        dispose(info, previous);
        elapsedCentiseconds += info.delayCentiseconds();
        next++;
        return Optional.of(frame);
    }

    /** Opaque pixels of the frame over the canvas at its offset, clipped to the logical screen. */
    private void draw(BufferedImage pixels, GifFrameInfo info) {
        int w = Math.min(pixels.getWidth(), screenWidth - info.left());
        int h = Math.min(pixels.getHeight(), screenHeight - info.top());
        if (w <= 0 || h <= 0) {
            return;
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            pixels.getRGB(0, y, w, 1, row, 0, w);
            int base = (info.top() + y) * screenWidth + info.left();
            for (int x = 0; x < w; x++) {
                if ((row[x] >>> 24) != 0) {
                    canvas[base + x] = row[x];
                }
            }
        }
    }

    private void dispose(GifFrameInfo info, int[] previous) {
        switch (info.disposal()) {
            case RESTORE_PREVIOUS -> System.arraycopy(previous, 0, canvas, 0, canvas.length);
            case RESTORE_BACKGROUND -> {
                int x1 = Math.min(screenWidth, info.left() + info.width());
                int y1 = Math.min(screenHeight, info.top() + info.height());
                for (int y = info.top(); y < y1; y++) {
                    Arrays.fill(canvas, y * screenWidth + info.left(), y * screenWidth + Math.max(info.left(), x1),
                            background);
                }
            }
            case KEEP -> {
            }
        }
    }

    private BgrImage toBgr() {
        byte[] bgr = new byte[canvas.length * 3];
        for (int p = 0; p < canvas.length; p++) {
            int argb = canvas[p];
            bgr[p * 3] = (byte) argb;
            bgr[p * 3 + 1] = (byte) (argb >> 8);
            bgr[p * 3 + 2] = (byte) (argb >> 16);
        }
        return new BgrImage(screenWidth, screenHeight, bgr);
    }

    @Override
    public void close() throws IOException {
        reader.dispose();
        stream.close();
    }
}
