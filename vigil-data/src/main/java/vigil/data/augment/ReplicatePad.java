package vigil.data.augment;

import vigil.data.image.BgrImage;

/**
 * An image copied into a larger buffer with `pad` replicated border pixels on every side, so
 * filters can read any tap within reach by one fixed offset instead of clamping each coordinate.
 * Layout: HWC, width + 2 pad columns per row.
 */
record ReplicatePad(byte[] data, int stride, int pad) {

    static ReplicatePad of(BgrImage image, int pad) {
        int w = image.width();
        int h = image.height();
        int pw = w + 2 * pad;
        byte[] in = image.data();
        byte[] out = new byte[pw * (h + 2 * pad) * 3];
        for (int py = 0; py < h + 2 * pad; py++) {
            int sy = Math.min(Math.max(py - pad, 0), h - 1);
            int row = py * pw * 3;
            System.arraycopy(in, sy * w * 3, out, row + pad * 3, w * 3);
            for (int px = 0; px < pad; px++) {
                System.arraycopy(in, sy * w * 3, out, row + px * 3, 3);
                System.arraycopy(in, (sy * w + w - 1) * 3, out, row + (pad + w + px) * 3, 3);
            }
        }
        return new ReplicatePad(out, pw * 3, pad);
    }

    /** Index of channel 0 of image pixel (x, y) in the padded buffer. */
    int index(int x, int y) {
        return (y + pad) * stride + (x + pad) * 3;
    }
}
