package vigil.quant.int8;

/**
 * The sliding window of an int8 convolution: kernel kh x kw, stride (sh, sw), zero padding (ph, pw) on each
 * side. One place for the geometry checks and output sizes that the dense and the depthwise kernels share.
 */
record Int8Window(int kh, int kw, int sh, int sw, int ph, int pw) {

    /** stride and padding as (h, w) pairs; op names the kernel in the error. */
    static Int8Window of(String op, int kh, int kw, int[] stride, int[] padding) {
        if (kh < 1 || kw < 1 || stride[0] < 1 || stride[1] < 1 || padding[0] < 0 || padding[1] < 0) {
            throw new IllegalArgumentException(op + ": kernel " + kh + "x" + kw + ", stride " + stride[0] + "x"
                    + stride[1] + ", padding " + padding[0] + "x" + padding[1]);
        }
        return new Int8Window(kh, kw, stride[0], stride[1], padding[0], padding[1]);
    }

    int outputHeight(int h) {
        return (h + 2 * ph - kh) / sh + 1;
    }

    int outputWidth(int w) {
        return (w + 2 * pw - kw) / sw + 1;
    }

    /** {ho, wo} for an h x w input; throws when the padded input is smaller than the kernel. */
    int[] outputSize(String op, int h, int w) {
        int ho = outputHeight(h);
        int wo = outputWidth(w);
        if (h + 2 * ph < kh || w + 2 * pw < kw) {
            throw new IllegalArgumentException(op + ": input " + h + "x" + w + " smaller than the kernel");
        }
        return new int[] {ho, wo};
    }
}
