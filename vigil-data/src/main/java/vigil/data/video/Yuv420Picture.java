package vigil.data.video;

/**
 * One decoded 8-bit 4:2:0 picture, cropped to its display size: the planes exactly as the decoder
 * produced them, before any colour conversion (so they can be compared bit for bit with another
 * decoder). Y is width x height, row-major; U (Cb) and V (Cr) are ceil(width/2) x ceil(height/2).
 * Values are the unsigned sample codes 0..255 stored in bytes (read them with {@code & 0xff}).
 */
public record Yuv420Picture(int width, int height, byte[] y, byte[] u, byte[] v) {
    public Yuv420Picture {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Yuv420Picture size must be positive, got " + width + "x" + height);
        }
        int chroma = chromaWidth(width) * chromaHeight(height);
        if (y.length != width * height || u.length != chroma || v.length != chroma) {
            throw new IllegalArgumentException("Yuv420Picture " + width + "x" + height + " needs planes of "
                    + width * height + ", " + chroma + ", " + chroma + " bytes, got " + y.length + ", " + u.length
                    + ", " + v.length);
        }
    }

    public int chromaWidth() {
        return chromaWidth(width);
    }

    public int chromaHeight() {
        return chromaHeight(height);
    }

    private static int chromaWidth(int width) {
        return (width + 1) / 2;
    }

    private static int chromaHeight(int height) {
        return (height + 1) / 2;
    }
}
