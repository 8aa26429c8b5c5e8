package vigil.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.util.Optional;

/**
 * Decoded ImageIO pixels to BGR bytes, converted as OpenCV's decoders do for IMREAD_COLOR: the raw
 * decoded samples, no colour management; grey replicated into B, G and R; alpha dropped (not
 * blended); palettes expanded; 16-bit samples cut to their high byte (libpng's strip_16); grey of
 * 1, 2 or 4 bits scaled to 0..255 by bit replication (libpng's expand); packed 5/6-bit BMP
 * channels shifted left (OpenCV's BGR555/565 conversion).
 */
final class BgrConversion {
    private BgrConversion() {
    }

    /** The BGR image, or empty when the colour model is not one of grey, RGB or palette (e.g. CMYK). */
    static Optional<BgrImage> toBgr(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        byte[] fast = interleavedBgr(image);
        if (fast != null) {
            return Optional.of(new BgrImage(w, h, fast));
        }
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        int bands = raster.getNumBands();
        int[] row = new int[w * bands];
        if (cm instanceof IndexColorModel palette) {
            for (int y = 0; y < h; y++) {
                raster.getPixels(0, y, w, 1, row);
                for (int x = 0; x < w; x++) {
                    int i = row[x * bands];
                    put(out, y * w + x, palette.getBlue(i), palette.getGreen(i), palette.getRed(i));
                }
            }
            return Optional.of(new BgrImage(w, h, out));
        }
        int colourType = cm.getColorSpace().getType();
        if (cm instanceof DirectColorModel packed && colourType == ColorSpace.TYPE_RGB) {
            int[] shift = new int[3];
            for (int c = 0; c < 3; c++) {
                shift[c] = Math.max(0, 8 - packed.getComponentSize(c));
            }
            for (int y = 0; y < h; y++) {
                raster.getPixels(0, y, w, 1, row);
                for (int x = 0; x < w; x++) {
                    int p = x * bands;
                    int r = row[p] << shift[0];
                    int g = row[p + 1] << shift[1];
                    int b = row[p + 2] << shift[2];
                    put(out, y * w + x, b, g, r);
                }
            }
            return Optional.of(new BgrImage(w, h, out));
        }
        if (!(cm instanceof ComponentColorModel) || (colourType != ColorSpace.TYPE_GRAY && colourType != ColorSpace.TYPE_RGB)) {
            return Optional.empty();
        }
        int bits = raster.getSampleModel().getSampleSize(0);
        boolean grey = colourType == ColorSpace.TYPE_GRAY;
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int p = x * bands;
                if (grey) {
                    int v = to8Bits(row[p], bits);
                    put(out, y * w + x, v, v, v);
                } else {
                    put(out, y * w + x, to8Bits(row[p + 2], bits), to8Bits(row[p + 1], bits), to8Bits(row[p], bits));
                }
            }
        }
        return Optional.of(new BgrImage(w, h, out));
    }

    /** The common JPEG / 24-bit case: bytes already laid out B, G, R with no padding; a copy of them, else null. */
    private static byte[] interleavedBgr(BufferedImage image) {
        Raster raster = image.getRaster();
        if (!(raster.getSampleModel() instanceof PixelInterleavedSampleModel sm)
                || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || raster.getNumBands() != 3 || image.getColorModel().getColorSpace().getType() != ColorSpace.TYPE_RGB
                || buffer.getNumBanks() != 1 || buffer.getOffset() != 0
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || sm.getPixelStride() != 3 || sm.getScanlineStride() != image.getWidth() * 3) {
            return null;
        }
        int[] offsets = sm.getBandOffsets();
        if (offsets[0] != 2 || offsets[1] != 1 || offsets[2] != 0 || sm.getSampleSize(0) != 8) {
            return null;
        }
        int n = image.getWidth() * image.getHeight() * 3;
        byte[] data = buffer.getData();
        if (data.length < n) {
            return null;
        }
        byte[] copy = new byte[n];
        System.arraycopy(data, 0, copy, 0, n);
        return copy;
    }

    private static int to8Bits(int v, int bits) {
        if (bits == 8) {
            return v;
        }
        if (bits > 8) {
            return v >>> (bits - 8);
        }
        return v * 255 / ((1 << bits) - 1);
    }

    private static void put(byte[] out, int pixel, int b, int g, int r) {
        out[pixel * 3] = (byte) b;
        out[pixel * 3 + 1] = (byte) g;
        out[pixel * 3 + 2] = (byte) r;
    }
}
