package vigil.liveness.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;
import vigil.face.detect.FaceBox;
import vigil.face.detect.SsdFaceDetector;
import vigil.liveness.passive.FaceVerdict;
import vigil.liveness.passive.PassiveLiveness;
import vigil.liveness.passive.PretrainedMiniFasNet;

/**
 * Whether fine-tuning kept a Silent-Face model's verdicts: the Silent-Face pipeline (SSD face, the
 * model's crop, softmax over its classes) on sample images, once with the checkpoint the run started
 * from and once with the fine-tuned network, each alone (not averaged with the other published model).
 */
public final class SampleVerdicts {
    private SampleVerdicts() {
    }

    /** One image's most confident face: the verdict before and after fine-tuning; null when no face was found. */
    public record Row(Path image, FaceVerdict before, FaceVerdict after) {
        /** The class probabilities and the verdict, e.g. "[0.1, 0.8, 0.1] live (1)". */
        public static String describe(FaceVerdict v) {
            return v == null ? "no face"
                    : Arrays.toString(v.probabilities()) + " " + (v.live() ? "live" : "spoof") + " (" + v.label() + ")";
        }
    }

    /** detectorDir holds the SSD files ({@link PassiveLiveness#PROTOTXT}, {@link PassiveLiveness#CAFFEMODEL}). */
    public static List<Row> of(Path detectorDir, float threshold, PretrainedMiniFasNet before,
                               PretrainedMiniFasNet after, List<Path> images) throws IOException {
        SsdFaceDetector ssd = SsdFaceDetector.load(detectorDir.resolve(PassiveLiveness.PROTOTXT),
                detectorDir.resolve(PassiveLiveness.CAFFEMODEL), threshold);
        before.model().eval();
        after.model().eval();
        PassiveLiveness a = new PassiveLiveness(ssd, List.of(before));
        PassiveLiveness b = new PassiveLiveness(ssd, List.of(after));
        List<Row> rows = new ArrayList<>();
        for (Path image : images) {
            BgrImage bgr = ImageDecoder.readBgr(image);
            List<FaceBox> faces = ssd.detect(bgr); // once: both models judge the same most confident face
            rows.add(faces.isEmpty() ? new Row(image, null, null)
                    : new Row(image, a.judge(bgr, faces.get(0)), b.judge(bgr, faces.get(0))));
        }
        return rows;
    }
}
