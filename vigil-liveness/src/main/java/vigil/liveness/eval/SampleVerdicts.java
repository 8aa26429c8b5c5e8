package vigil.liveness.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vigil.data.image.ImageDecoder;
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

    /** One image's most confident face: class probabilities before and after; null when no face was found. */
    public record Row(Path image, float[] before, float[] after) {
        public static String verdict(float[] p) {
            if (p == null) {
                return "no face";
            }
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                best = p[i] > p[best] ? i : best;
            }
            return (best == FaceVerdict.LIVE_CLASS ? "live" : "spoof") + " (" + best + ")";
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
            var bgr = ImageDecoder.readBgr(image);
            List<FaceVerdict> va = a.check(bgr);
            List<FaceVerdict> vb = b.check(bgr);
            rows.add(new Row(image, va.isEmpty() ? null : va.get(0).probabilities(),
                    vb.isEmpty() ? null : vb.get(0).probabilities()));
        }
        return rows;
    }
}
