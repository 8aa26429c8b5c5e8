package vigil.liveness.bench;

import java.io.IOException;
import java.nio.file.Path;
import vigil.data.image.BgrImage;
import vigil.face.detect.FaceBox;
import vigil.face.landmark.AlignedFaceCrop;
import vigil.face.landmark.FaceLandmarkNet;
import vigil.face.landmark.FaceLandmarks;
import vigil.face.landmark.LandmarkNetKind;
import vigil.face.landmark.ScoredBox;

/**
 * The eye centres of a detected face, for aligned crops (crop: aligned); tests may place them themselves.
 * Returns {@code {leftX, leftY, rightX, rightY}} in frame pixels (pixel (i, j) centred at (i, j)), the
 * image-left eye first, or null when no landmarks can be placed in the box.
 */
@FunctionalInterface
public interface FaceAligner {
    double[] eyeCentres(BgrImage frame, FaceBox box);

    /** face-api's full 68-point net (in dir) run on the given box; eye centres are the means of 36-41 and 42-47. */
    static FaceAligner faceApi(Path dir) throws IOException {
        FaceLandmarkNet net = FaceLandmarkNet.load(dir, LandmarkNetKind.FULL);
        return (frame, box) -> {
            ScoredBox scored = new ScoredBox(box.x(), box.y(), box.width(), box.height(), box.confidence());
            float[] points = net.predict(frame, scored);
            if (points == null) {
                return null;
            }
            FaceLandmarks face = new FaceLandmarks(box.x(), box.y(), box.width(), box.height(), box.confidence(), points);
            double[] l = AlignedFaceCrop.leftEyeCentre(face);
            double[] r = AlignedFaceCrop.rightEyeCentre(face);
            return new double[] {l[0], l[1], r[0], r[1]};
        };
    }
}
