package vigil.liveness.passive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import vigil.data.image.BgrImage;
import vigil.face.detect.FaceBox;
import vigil.face.detect.SsdFaceDetector;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * The Silent-Face passive pipeline: detect faces, crop each at every model's context scale, resize
 * to the model's input as OpenCV does, run each model, and average their softmax vectors
 * (the reference sums them and halves the winner; the mean is the same number).
 */
public final class PassiveLiveness {
    public static final String PROTOTXT = "deploy.prototxt";
    public static final String CAFFEMODEL = "Widerface-RetinaFace.caffemodel";

    private final SsdFaceDetector detector;
    private final List<PretrainedMiniFasNet> models;

    public PassiveLiveness(SsdFaceDetector detector, List<PretrainedMiniFasNet> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("passive liveness needs at least one model");
        }
        this.detector = detector;
        this.models = List.copyOf(models);
    }

    /**
     * Loads the detector (deploy.prototxt + Widerface-RetinaFace.caffemodel) and every *.pth model
     * of a folder laid out as shared/models/silent-face.
     */
    public static PassiveLiveness load(Path dir, float detectorThreshold) throws IOException {
        Path prototxt = dir.resolve(PROTOTXT);
        Path caffemodel = dir.resolve(CAFFEMODEL);
        for (Path p : List.of(prototxt, caffemodel)) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("model folder " + dir + " lacks " + p.getFileName());
            }
        }
        List<Path> pths;
        try (Stream<Path> s = Files.list(dir)) {
            pths = s.filter(p -> p.getFileName().toString().endsWith(".pth")).sorted().toList();
        }
        if (pths.isEmpty()) {
            throw new IOException("model folder " + dir + " holds no .pth liveness model");
        }
        List<PretrainedMiniFasNet> models = new ArrayList<>();
        for (Path p : pths) {
            models.add(PretrainedMiniFasNet.load(p));
        }
        return new PassiveLiveness(SsdFaceDetector.load(prototxt, caffemodel, detectorThreshold), models);
    }

    public List<PretrainedMiniFasNet> models() {
        return models;
    }

    public SsdFaceDetector detector() {
        return detector;
    }

    /** Every face above the detector threshold, most confident first, each with its verdict. */
    public List<FaceVerdict> check(BgrImage image) {
        List<FaceVerdict> out = new ArrayList<>();
        for (FaceBox box : detector.detect(image)) {
            out.add(judge(image, box));
        }
        return out;
    }

    /** The models' verdict on one face box of the image. */
    public FaceVerdict judge(BgrImage image, FaceBox box) {
        List<float[]> probabilities = new ArrayList<>();
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            for (PretrainedMiniFasNet m : models) {
                probabilities.add(m.probabilities(modelInput(image, box, m.spec())).data());
            }
        }
        return FaceVerdict.ofMean(box, probabilities);
    }

    /** The crop a model sees ({@link MiniFasNetSpec#crop}) as its input, [1, 3, H, W]. */
    static Tensor modelInput(BgrImage image, FaceBox box, MiniFasNetSpec spec) {
        return spec.crop(image, box).toTensor();
    }
}
