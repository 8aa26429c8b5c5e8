package vigil.face.tfjs;

/**
 * One entry of a TF.js weights manifest: the tensor's name and shape (TF layout: conv filters
 * [kh, kw, in, out], depthwise [kh, kw, in, multiplier]), its stored dtype, and for quantized
 * entries the affine map {@code value = q * scale + min} with q an unsigned byte.
 *
 * @param storedDtype "float32" or "uint8" (how the bytes in the binary are laid out)
 */
public record TfjsWeightSpec(String name, int[] shape, String storedDtype, double scale, double min) {
    public int numel() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public int byteLength() {
        return numel() * ("uint8".equals(storedDtype) ? 1 : 4);
    }
}
