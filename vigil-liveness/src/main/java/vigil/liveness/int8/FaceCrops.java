package vigil.liveness.int8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;
import vigil.face.detect.FaceBox;
import vigil.face.detect.SsdFaceDetector;
import vigil.liveness.passive.MiniFasNetSpec;

/**
 * Faces as the passive pipeline sees them: the detector's boxes on an image, and the crop a model takes
 * of a box (the box grown by the model's scale and resized as OpenCV does; the whole image for "org"
 * models). Used for calibration and by {@link Int8PassiveLiveness}.
 */
public record FaceCrops(BgrImage image, FaceBox box) {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp");

    /** The crop the model described by spec sees of this face. */
    public BgrImage crop(MiniFasNetSpec spec) {
        return crop(image, box, spec);
    }

    public static BgrImage crop(BgrImage image, FaceBox box, MiniFasNetSpec spec) {
        return spec.crop(image, box);
    }

    /** Every image file under dir (recursively, sorted), by extension. */
    public static List<Path> imageFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("calibration folder " + dir + " does not exist");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString()
                            .toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted().toList();
        }
    }

    /**
     * Every detected face of every image under the folders; images that cannot be decoded are skipped
     * (calibration needs faces, not every file), and no face at all is an error naming the folders.
     */
    public static List<FaceCrops> detect(SsdFaceDetector detector, List<Path> dirs) throws IOException {
        List<FaceCrops> faces = new ArrayList<>();
        for (Path dir : dirs) {
            for (Path f : imageFiles(dir)) {
                BgrImage image;
                try {
                    image = ImageDecoder.readBgr(f);
                } catch (IOException | RuntimeException e) {
                    continue;
                }
                for (FaceBox box : detector.detect(image)) {
                    faces.add(new FaceCrops(image, box));
                }
            }
        }
        if (faces.isEmpty()) {
            throw new IOException("no face found in the calibration images under " + dirs);
        }
        return faces;
    }
}
