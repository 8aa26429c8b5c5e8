package vigil.data.augment;

/** Rounding and colour-space helpers shared by the pixel ops (8-bit BGR, BT.601 luma). */
final class PixelMath {
    private PixelMath() {
    }

    /**
     * Round half up and clamp to 0..255, as OpenCV's saturate_cast does for non-negative halves. The cast
     * truncates towards zero instead of flooring: the two differ only for v + 0.5 < 0, where both clamp to 0,
     * so this is floor(v + 0.5) clamped, without the call (it runs on every output byte of most ops).
     */
    static byte toByte(float v) {
        int r = (int) (v + 0.5f);
        return (byte) (r < 0 ? 0 : Math.min(r, 255));
    }

    static int u8(byte b) {
        return b & 0xff;
    }

    /** BT.601 luma of one BGR pixel, 0..255 float. */
    static float luma(int b, int g, int r) {
        return 0.114f * b + 0.587f * g + 0.299f * r;
    }


    /** Pixel (x, y) channel c with coordinates clamped into the image (replicate border). */
    static int clampedIndex(int x, int y, int c, int width, int height) {
        int cx = x < 0 ? 0 : Math.min(x, width - 1);
        int cy = y < 0 ? 0 : Math.min(y, height - 1);
        return (cy * width + cx) * 3 + c;
    }
}
