package vigil.liveness.blink;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;
import vigil.data.video.TruncatedFramePolicy;
import vigil.data.video.VideoFrame;
import vigil.data.video.VideoSource;
import vigil.face.landmark.FaceLandmarker;
import vigil.face.landmark.FaceLandmarks;

/**
 * Gathers real eye pairs for training (open unless {@link EyeLabels} says otherwise): every face
 * the landmarker finds in still images (folders searched recursively, in sorted order so runs are
 * reproducible) and in video frames,
 * minus frame ranges that are held out (a clip's test blink must never be trained on).
 * Faces whose eyes are under {@link #MIN_EYE_WIDTH} pixels wide are skipped.
 */
public final class EyeSourceCollector {
    /** Frames [first, last] (0-based, inclusive) of a video that must not be used. */
    public record ExcludedFrames(int first, int last) {
        boolean contains(int frame) {
            return frame >= first && frame <= last;
        }
    }

    /** A video to take frames from, every {@code stride}-th, except the excluded range. */
    public record VideoInput(Path path, int stride, ExcludedFrames excluded) {
    }

    static final float MIN_EYE_WIDTH = 5f;

    private final FaceLandmarker landmarker;
    private final PrintStream log;

    public EyeSourceCollector(FaceLandmarker landmarker, PrintStream log) {
        this.landmarker = landmarker;
        this.log = log;
    }

    /** Every image file (jpg, jpeg, png) under the roots that exist, sorted. */
    public static List<Path> imageFiles(List<Path> roots) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile).filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
                }).sorted().forEach(out::add);
            }
        }
        return out;
    }

    public List<EyeSource> collect(List<Path> images, List<VideoInput> videos) throws IOException {
        List<EyeSource> out = new ArrayList<>();
        for (Path image : images) {
            BgrImage img = ImageDecoder.readBgr(image);
            int before = out.size();
            addFaces(img, image.toString(), out);
            log.printf(Locale.ROOT, "eye sources: %s: %d faces%n", image, out.size() - before);
        }
        for (VideoInput v : videos) {
            int before = out.size();
            try (VideoSource src = VideoSource.open(v.path(), TruncatedFramePolicy.FAIL)) {
                for (Optional<VideoFrame> f = src.next(); f.isPresent(); f = src.next()) {
                    int i = f.get().index();
                    if (i % v.stride() == 0 && (v.excluded() == null || !v.excluded().contains(i))) {
                        addFaces(f.get().image(), EyeSource.frame(v.path().toString(), i), out);
                    }
                }
            }
            log.printf(Locale.ROOT, "eye sources: %s: %d frames with a face%s%n", v.path(), out.size() - before,
                    v.excluded() == null ? "" : " (frames " + v.excluded().first() + "-" + v.excluded().last()
                            + " held out)");
        }
        return out;
    }

    private void addFaces(BgrImage img, String origin, List<EyeSource> out) {
        List<FaceLandmarks> faces = LandmarkEyeObserver.faces(landmarker, img);
        for (int k = 0; k < faces.size(); k++) {
            FaceLandmarks face = faces.get(k);
            if (eyeWidth(face.leftEye()) < MIN_EYE_WIDTH || eyeWidth(face.rightEye()) < MIN_EYE_WIDTH) {
                continue;
            }
            out.add(new EyeSource(LandmarkEyeObserver.observe(img, face), EyeSource.origin(origin, k)));
        }
    }

    private static float eyeWidth(float[] six) {
        return (float) Math.hypot(six[6] - six[0], six[7] - six[1]);
    }
}
