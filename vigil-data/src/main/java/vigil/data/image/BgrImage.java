package vigil.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import vigil.tensor.Tensor;

/**
 * An 8-bit, 3-channel image laid out like an OpenCV {@code CV_8UC3} Mat: rows top to bottom,
 * pixels left to right, channels interleaved in B, G, R order. Index of (x, y, c) is
 * {@code (y * width + x) * 3 + c}. The backing array is shared, not copied, so callers can hand
 * it to kernels without a copy.
 */
public final class BgrImage {
    public static final int CHANNELS = 3;

    private final int width;
    private final int height;
    private final byte[] bgr;

    /** A black image. */
    public BgrImage(int width, int height) {
        this(width, height, new byte[checkedLength(width, height)]);
    }

    /** Wraps (does not copy) interleaved BGR bytes of length width * height * 3. */
    public BgrImage(int width, int height, byte[] bgr) {
        int n = checkedLength(width, height);
        if (bgr.length != n) {
            throw new IllegalArgumentException("BgrImage " + width + "x" + height + " needs " + n
                    + " bytes, got " + bgr.length);
        }
        this.width = width;
        this.height = height;
        this.bgr = bgr;
    }

    private static int checkedLength(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("BgrImage size must be positive, got " + width + "x" + height);
        }
        long n = (long) width * height * CHANNELS;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("BgrImage " + width + "x" + height + " exceeds one Java array");
        }
        return (int) n;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing bytes (shared): HWC, BGR. */
    public byte[] data() {
        return bgr;
    }

    /** Channel c (0 = B, 1 = G, 2 = R) of pixel (x, y), 0..255. */
    public int get(int x, int y, int c) {
        return bgr[index(x, y, c)] & 0xff;
    }

    public void set(int x, int y, int c, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("BgrImage.set: value " + value + " outside 0..255");
        }
        bgr[index(x, y, c)] = (byte) value;
    }

    private int index(int x, int y, int c) {
        if (x < 0 || x >= width || y < 0 || y >= height || c < 0 || c >= CHANNELS) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") channel " + c
                    + " outside BgrImage " + width + "x" + height);
        }
        return (y * width + x) * CHANNELS + c;
    }

    /**
     * A copy of the pixels x1..x2, y1..y2, both ends inclusive: what numpy's
     * {@code img[y1:y2+1, x1:x2+1]} gives for bounds inside the image.
     */
    public BgrImage crop(int x1, int y1, int x2, int y2) {
        if (x1 < 0 || y1 < 0 || x2 >= width || y2 >= height || x1 > x2 || y1 > y2) {
            throw new IllegalArgumentException("crop [" + x1 + ".." + x2 + "] x [" + y1 + ".." + y2
                    + "] (inclusive) is empty or leaves BgrImage " + width + "x" + height);
        }
        int w = x2 - x1 + 1;
        int h = y2 - y1 + 1;
        byte[] out = new byte[w * h * CHANNELS];
        for (int y = 0; y < h; y++) {
            System.arraycopy(bgr, ((y1 + y) * width + x1) * CHANNELS, out, y * w * CHANNELS, w * CHANNELS);
        }
        return new BgrImage(w, h, out);
    }

    /** The pixels as floats 0..255, channels in BGR order: [1, 3, H, W] (what the Silent-Face models take). */
    public Tensor toTensor() {
        return toTensor(0f, 0f, 0f);
    }

    /**
     * The pixels minus a per-channel mean, BGR order: [1, 3, H, W]. With (104, 117, 123) this is
     * OpenCV's {@code blobFromImage(img, 1, mean=(104, 117, 123))}, the face detector's input.
     */
    public Tensor toTensor(float meanB, float meanG, float meanR) {
        int plane = width * height;
        float[] out = new float[CHANNELS * plane];
        float[] mean = {meanB, meanG, meanR};
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < CHANNELS; c++) {
                out[c * plane + p] = (bgr[p * CHANNELS + c] & 0xff) - mean[c];
            }
        }
        return Tensor.of(out, 1, CHANNELS, height, width);
    }

    /** A TYPE_3BYTE_BGR BufferedImage over a copy of the pixels (for drawing annotations). */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(bgr, 0, target, 0, bgr.length);
        return image;
    }

    /**
     * Writes a lossless 8-bit RGB PNG (readable back to the same BGR bytes, by OpenCV or by
     * {@link ImageDecoder}). Written to a sibling temporary file and moved into place, so a crash
     * never leaves a half-written PNG under the final name.
     */
    public void writePng(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            if (!ImageIO.write(toBufferedImage(), "png", tmp.toFile())) {
                throw new IOException(file + ": no PNG writer available in this JDK");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public String toString() {
        return "BgrImage[" + width + "x" + height + "]";
    }
}
