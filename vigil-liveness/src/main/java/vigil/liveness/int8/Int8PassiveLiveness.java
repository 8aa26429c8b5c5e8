package vigil.liveness.int8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import vigil.data.image.BgrImage;
import vigil.face.detect.FaceBox;
import vigil.face.detect.SsdFaceDetector;
import vigil.liveness.passive.FaceVerdict;
import vigil.liveness.passive.PassiveLiveness;

/**
 * The Silent-Face passive pipeline on int8 models: the same detector and crops as {@link PassiveLiveness},
 * each int8 MiniFASNet run in integers up to its logits, and the models' softmax vectors averaged.
 */
public final class Int8PassiveLiveness {
    private final SsdFaceDetector detector;
    private final List<Int8MiniFasNet> models;

    public Int8PassiveLiveness(SsdFaceDetector detector, List<Int8MiniFasNet> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("int8 passive liveness needs at least one model");
        }
        this.detector = detector;
        this.models = List.copyOf(models);
    }

    /** The detector of a Silent-Face model folder and every *.int8.safetensors of int8Dir. */
    public static Int8PassiveLiveness load(Path detectorDir, Path int8Dir, float threshold) throws IOException {
        List<Int8MiniFasNet> models = new ArrayList<>();
        for (Path p : int8Files(int8Dir)) {
            models.add(Int8ModelFile.read(p));
        }
        if (models.isEmpty()) {
            throw new IOException("int8 model folder " + int8Dir + " holds no *" + Int8ModelFile.SUFFIX + " model");
        }
        return new Int8PassiveLiveness(SsdFaceDetector.load(detectorDir.resolve(PassiveLiveness.PROTOTXT),
                detectorDir.resolve(PassiveLiveness.CAFFEMODEL), threshold), models);
    }

    public static List<Path> int8Files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(Int8ModelFile.SUFFIX)).sorted().toList();
        }
    }

    public List<Int8MiniFasNet> models() {
        return models;
    }

    public List<FaceVerdict> check(BgrImage image) {
        List<FaceVerdict> out = new ArrayList<>();
        for (FaceBox box : detector.detect(image)) {
            out.add(judge(image, box));
        }
        return out;
    }

    /** The mean of the models' softmax vectors on this face, and its arg max. */
    public FaceVerdict judge(BgrImage image, FaceBox box) {
        List<float[]> probabilities = new ArrayList<>();
        for (Int8MiniFasNet m : models) {
            probabilities.add(m.probabilities(FaceCrops.crop(image, box, m.info().spec())));
        }
        return FaceVerdict.ofMean(box, probabilities);
    }
}
