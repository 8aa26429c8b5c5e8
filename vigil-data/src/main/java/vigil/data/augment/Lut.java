package vigil.data.augment;

import vigil.data.image.BgrImage;

/** Applies one 256-entry table to every channel value (tone curves). */
final class Lut {
    private Lut() {
    }

    static BgrImage apply(BgrImage image, byte[] table) {
        byte[] in = image.data();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = table[in[i] & 0xff];
        }
        return new BgrImage(image.width(), image.height(), out);
    }
}
