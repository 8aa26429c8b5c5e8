package vigil.liveness.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.liveness.train.ConfigFields;

/**
 * How the synthetic-spoof benchmark is built (the "data" section of a training config):
 * <pre>
 * data:
 *   root: runs/bench             # where images/, manifest.csv and SPLIT.txt go; built when missing
 *   seed: 7                      # subject split, crop jitter, attack parameters
 *   sources: [.cache/data/photos, .cache/data/video/kphotoalbum_movie.avi]  # files or folders
 *   detector: ../shared/models/silent-face    # deploy.prototxt + Widerface-RetinaFace.caffemodel
 *   detector_threshold: 0.6      # SSD confidence for a face
 *   crop: box                    # box: the detector box grown by crop_scale; aligned: AlignedCapture
 *   crop_scale: 2.7              # the detector box grown by this (Silent-Face: 1.0, 2.7, 4.0); box crops only
 *   landmarks: .cache/data/face-api          # face-api's model folder (68-point net); aligned crops only
 *   size: 80                     # the stored square crop
 *   capture: 160                 # the crop is "filmed" (attacks rendered) at this size, then resized
 *   video_every: 2               # every k-th video frame
 *   live_variants: 3             # live captures per face (box jitter, mirror), each with its attacks
 *   min_face: 24                 # faces narrower than this many pixels are skipped
 *   train_fraction: 0.6
 *   dev_fraction: 0.2
 *   train_renderers: [print-halftone, replay-moire]   # in every split
 *   heldout_renderers: [print-glossy, replay-hidpi]   # only in test (the cross-attack protocol)
 * </pre>
 */
public record BenchmarkConfig(Path root, long seed, List<Path> sources, Path detector, double detectorThreshold,
                              String crop, double cropScale, Path landmarks, int size,
                              int capture, int videoEvery, int liveVariants, int minFace, double trainFraction,
                              double devFraction, List<AttackRenderer> trainRenderers,
                              List<AttackRenderer> heldOutRenderers) {

    public static final String CROP_BOX = "box";
    public static final String CROP_ALIGNED = "aligned";

    public BenchmarkConfig {
        sources = List.copyOf(sources);
        if (!crop.equals(CROP_BOX) && !crop.equals(CROP_ALIGNED)) {
            throw new IllegalArgumentException("BenchmarkConfig: crop must be " + CROP_BOX + " or " + CROP_ALIGNED
                    + ", got '" + crop + "'");
        }
        trainRenderers = List.copyOf(trainRenderers);
        heldOutRenderers = List.copyOf(heldOutRenderers);
        if (trainRenderers.isEmpty()) {
            throw new IllegalArgumentException("BenchmarkConfig: at least one training attack renderer is needed");
        }
        for (AttackRenderer r : heldOutRenderers) {
            if (trainRenderers.contains(r)) {
                throw new IllegalArgumentException("BenchmarkConfig: " + r.label() + " is both a training and a held-out renderer");
            }
        }
        if (!(detectorThreshold >= 0 && detectorThreshold <= 1)) {
            throw new IllegalArgumentException("BenchmarkConfig: detector_threshold " + detectorThreshold + " must be in [0, 1]");
        }
        if (!(cropScale > 0) || size < 8 || capture < size || videoEvery < 1 || liveVariants < 1 || minFace < 1) {
            throw new IllegalArgumentException("BenchmarkConfig: crop_scale " + cropScale + " > 0, size " + size
                    + " >= 8, capture " + capture + " >= size, video_every, live_variants, min_face >= 1");
        }
    }

    /** A box-crop config (crop: box), as before aligned crops existed. */
    public BenchmarkConfig(Path root, long seed, List<Path> sources, Path detector, double detectorThreshold,
                           double cropScale, int size, int capture, int videoEvery, int liveVariants, int minFace,
                           double trainFraction, double devFraction, List<AttackRenderer> trainRenderers,
                           List<AttackRenderer> heldOutRenderers) {
        this(root, seed, sources, detector, detectorThreshold, CROP_BOX, cropScale, Path.of(DEFAULT_LANDMARKS), size,
                capture, videoEvery, liveVariants, minFace, trainFraction, devFraction, trainRenderers, heldOutRenderers);
    }

    public static final String DEFAULT_LANDMARKS = ".cache/data/face-api";

    public static final List<String> DEFAULT_SOURCES = List.of(".cache/data/photos", ".cache/data/photos/kphotoalbum",
            ".cache/data/video/kphotoalbum_movie.avi", "../shared/images/silent-face/image_T1.jpg",
            ".cache/data/face-api");

    public static BenchmarkConfig read(ConfigFields f) {
        List<Path> sources = new ArrayList<>();
        for (String s : f.strings("sources", DEFAULT_SOURCES)) {
            sources.add(Path.of(s));
        }
        List<AttackRenderer> train = renderers(f, "train_renderers", List.of("print-halftone", "replay-moire"));
        List<AttackRenderer> heldOut = renderers(f, "heldout_renderers", List.of("print-glossy", "replay-hidpi"));
        String crop = f.string("crop", CROP_BOX);
        if (!crop.equals(CROP_BOX) && !crop.equals(CROP_ALIGNED)) {
            throw f.error("crop", "must be " + CROP_BOX + " or " + CROP_ALIGNED + ", got '" + crop + "'");
        }
        BenchmarkConfig c = new BenchmarkConfig(Path.of(f.string("root")), f.integer("seed", 0), sources,
                Path.of(f.string("detector", "../shared/models/silent-face")), f.number("detector_threshold", 0.6),
                crop, f.number("crop_scale", 2.7),
                Path.of(f.string("landmarks", DEFAULT_LANDMARKS)),
                (int) f.integer("size", 80), (int) f.integer("capture", 160), (int) f.integer("video_every", 2),
                (int) f.integer("live_variants", 3), (int) f.integer("min_face", 24), f.number("train_fraction", 0.6),
                f.number("dev_fraction", 0.2), train, heldOut);
        f.rejectUnread();
        return c;
    }

    private static List<AttackRenderer> renderers(ConfigFields f, String key, List<String> fallback) {
        List<AttackRenderer> out = new ArrayList<>();
        for (String label : f.strings(key, fallback)) {
            try {
                out.add(AttackRenderer.parse(label));
            } catch (IllegalArgumentException e) {
                throw f.error(key, e.getMessage());
            }
        }
        return out;
    }

    public BenchmarkConfig withRoot(Path dir) {
        return new BenchmarkConfig(dir, seed, sources, detector, detectorThreshold, crop, cropScale, landmarks, size, capture,
                videoEvery, liveVariants, minFace, trainFraction, devFraction, trainRenderers, heldOutRenderers);
    }

    public BenchmarkConfig withCropScale(double scale) {
        return new BenchmarkConfig(root, seed, sources, detector, detectorThreshold, crop, scale, landmarks, size, capture,
                videoEvery, liveVariants, minFace, trainFraction, devFraction, trainRenderers, heldOutRenderers);
    }

    public BenchmarkConfig withCrop(String policy) {
        return new BenchmarkConfig(root, seed, sources, detector, detectorThreshold, policy, cropScale, landmarks, size, capture,
                videoEvery, liveVariants, minFace, trainFraction, devFraction, trainRenderers, heldOutRenderers);
    }

    public boolean aligned() {
        return crop.equals(CROP_ALIGNED);
    }

    /** What determines the images (the root excluded), for benchmark.json and the "same build?" check. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("sources", sources.stream().map(Path::toString).toList());
        m.put("detector_threshold", detectorThreshold);
        if (aligned()) {
            // Only written for aligned crops, so box-crop builds made before this key existed still match.
            // crop_scale does not shape aligned crops (AlignedCapture fixes their geometry).
            m.put("crop", crop);
            m.put("aligned_geometry", AlignedCapture.GEOMETRY);
        } else {
            m.put("crop_scale", cropScale);
        }
        m.put("size", size);
        m.put("capture", capture);
        m.put("video_every", videoEvery);
        m.put("live_variants", liveVariants);
        m.put("min_face", minFace);
        m.put("train_fraction", trainFraction);
        m.put("dev_fraction", devFraction);
        m.put("train_renderers", trainRenderers.stream().map(AttackRenderer::label).toList());
        m.put("heldout_renderers", heldOutRenderers.stream().map(AttackRenderer::label).toList());
        return m;
    }
}
