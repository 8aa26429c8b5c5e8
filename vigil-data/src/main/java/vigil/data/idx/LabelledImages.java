package vigil.data.idx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import vigil.tensor.Tensor;

/**
 * A grey-scale image classification set loaded from an IDX image file and an IDX label file
 * (MNIST, Fashion-MNIST): images as float [N, 1, H, W] scaled to [0, 1], labels as int64 [N].
 */
public record LabelledImages(Tensor images, Tensor labels, int classes) {

    public static LabelledImages read(Path imageFile, Path labelFile) throws IOException {
        IdxFile img = IdxFile.read(imageFile);
        IdxFile lab = IdxFile.read(labelFile);
        if (img.dims().length != 3 || lab.dims().length != 1 || img.dims()[0] != lab.dims()[0]) {
            throw new IOException(imageFile + " " + Arrays.toString(img.dims()) + " and " + labelFile + " "
                    + Arrays.toString(lab.dims()) + " are not N images with N labels");
        }
        int n = img.dims()[0];
        int h = img.dims()[1];
        int w = img.dims()[2];
        float[] pixels = new float[n * h * w];
        byte[] src = img.data();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (src[i] & 0xff) / 255f;
        }
        long[] labels = new long[n];
        int max = 0;
        for (int i = 0; i < n; i++) {
            labels[i] = lab.data()[i] & 0xff;
            max = Math.max(max, (int) labels[i]);
        }
        return new LabelledImages(Tensor.of(pixels, n, 1, h, w), Tensor.ofLongs(labels, n), max + 1);
    }

    public int size() {
        return labels.dim(0);
    }

    /** The images and labels at the given indices, as a batch. */
    public LabelledImages batch(int[] indices) {
        int[] s = images.shape();
        int per = s[1] * s[2] * s[3];
        float[] src = images.data();
        long[] lsrc = labels.longs();
        float[] x = new float[indices.length * per];
        long[] y = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(src, indices[i] * per, x, i * per, per);
            y[i] = lsrc[indices[i]];
        }
        return new LabelledImages(Tensor.of(x, indices.length, s[1], s[2], s[3]), Tensor.ofLongs(y, indices.length),
                classes);
    }
}
