package vigil.data.augment;

import java.io.IOException;
import java.util.Optional;
import vigil.data.dataset.Sample;
import vigil.data.image.BgrImage;
import vigil.data.image.OpenCvResize;
import vigil.data.loader.SampleTransform;
import vigil.data.loader.TrainingItem;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * The loader transform that augments: decode, run the policy (spoof steps when the label is not
 * {@code liveLabel}, since which value means live depends on the dataset), resize to width x height
 * (OpenCV INTER_LINEAR), convert to [3, H, W] BGR floats 0..255. A sample's depth map, when it has
 * one, goes through the same geometric steps, is resized to targetWidth x targetHeight and becomes
 * the item's target: [1, Ht, Wt], its grey level scaled to 0..1.
 */
public record AugmentingTransform(Policy policy, int width, int height, int liveLabel, int targetWidth,
                                  int targetHeight) implements SampleTransform {
    public AugmentingTransform {
        if (width <= 0 || height <= 0 || targetWidth <= 0 || targetHeight <= 0) {
            throw new IllegalArgumentException("AugmentingTransform: sizes must be positive, got image " + width + "x"
                    + height + ", target " + targetWidth + "x" + targetHeight);
        }
    }

    @Override
    public TrainingItem apply(Sample sample, Rng rng) throws IOException {
        BgrImage image = sample.image().load();
        Optional<DenseMap> depth = Optional.empty();
        if (sample.depthMap().isPresent()) {
            depth = Optional.of(greyMap(sample.depthMap().get().load(), image.width(), image.height(), sample.id()));
        }
        Augmented a = policy.apply(image, depth, sample.label() != liveLabel, rng);
        BgrImage sized = a.image().width() == width && a.image().height() == height ? a.image()
                : OpenCvResize.linear(a.image(), width, height);
        Tensor input = Tensor.of(sized.toTensor().data(), BgrImage.CHANNELS, height, width);
        if (a.target().isEmpty()) {
            return TrainingItem.of(input, sample.label());
        }
        DenseMap t = resize(a.target().get(), targetWidth, targetHeight);
        return TrainingItem.of(input, sample.label(), Tensor.of(t.values(), 1, targetHeight, targetWidth));
    }

    /** A depth image as grey 0..1 at the face image's size (the maps are often stored smaller). */
    private static DenseMap greyMap(BgrImage map, int w, int h, String id) {
        if (map.width() <= 0 || map.height() <= 0) {
            throw new IllegalArgumentException(id + ": empty depth map");
        }
        BgrImage sized = map.width() == w && map.height() == h ? map : OpenCvResize.linear(map, w, h);
        float[] v = new float[w * h];
        byte[] px = sized.data();
        for (int p = 0; p < v.length; p++) {
            v[p] = PixelMath.luma(px[3 * p] & 0xff, px[3 * p + 1] & 0xff, px[3 * p + 2] & 0xff) / 255f;
        }
        return new DenseMap(w, h, v);
    }

    /** Bilinear, pixel centres aligned as OpenCV's INTER_LINEAR does. */
    private static DenseMap resize(DenseMap map, int w, int h) {
        if (map.width() == w && map.height() == h) {
            return map;
        }
        double sx = map.width() / (double) w;
        double sy = map.height() / (double) h;
        return WarpSampler.affine(sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5).apply(map, w, h);
    }
}
