package vigil.data.idx;

import vigil.data.dataset.Dataset;
import vigil.data.dataset.Sample;
import vigil.data.image.BgrImage;

/**
 * An IDX image set as a {@link Dataset}, so the loader (and a {@link vigil.data.dataset.SubsetDataset}
 * of kept ids) can read it: sample i has the id {@code prefix:i} (the selection experiment names
 * Fashion-MNIST's training images "train:i") and a grey image with equal B, G and R.
 */
public final class IdxDataset implements Dataset {
    private final LabelledImages images;
    private final String prefix;

    public IdxDataset(LabelledImages images, String prefix) {
        this.images = images;
        this.prefix = prefix;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public Sample sample(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(prefix + ": sample " + index + " of " + size());
        }
        return Sample.of(prefix + ":" + index, () -> grey(index), label(index));
    }

    @Override
    public int label(int index) {
        return (int) images.labels().longs()[index];
    }

    /** Image index as 8-bit grey, rounding the [0, 1] floats back to the file's bytes. */
    private BgrImage grey(int index) {
        int[] s = images.images().shape();
        int h = s[2];
        int w = s[3];
        float[] px = images.images().data();
        BgrImage out = new BgrImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = Math.round(255 * px[index * h * w + y * w + x]);
                for (int c = 0; c < BgrImage.CHANNELS; c++) {
                    out.set(x, y, c, v);
                }
            }
        }
        return out;
    }
}
