package vigil.liveness.blink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vigil.data.image.BgrImage;
import vigil.face.landmark.EyeAspectRatio;
import vigil.face.landmark.EyeCrop;
import vigil.face.landmark.FaceLandmarker;
import vigil.face.landmark.FaceLandmarks;
import vigil.face.landmark.ScoredBox;
import vigil.face.landmark.TinyFaceDetector;

/**
 * Eyes from face-api's detector and 68-point landmarks: the most confident face, each eye cropped
 * square and level on its corners ({@link EyeCrop}: corners at a quarter of the crop from each
 * side, so {@link #CORNER_MARGIN} = 0.25), converted to grey, and each eye's aspect ratio.
 *
 * <p>The detector's input size follows the frame ({@link #inputSizeFor}): face-api's default 416
 * blows a 160x120 webcam frame up 2.6 times and then misses the face in half the frames. For
 * video, a frame where the detector finds nothing reuses the previous frame's face box (a face
 * does not vanish between two frames), for at most {@link #MAX_REUSED_FRAMES} frames in a row.
 * One observer per stream: it remembers the last box.
 */
public final class LandmarkEyeObserver implements EyeObserver {
    /** Where {@link EyeCrop} puts the eye corners, as a fraction of the crop width from each edge. */
    public static final float CORNER_MARGIN = 0.25f;
    static final int MAX_REUSED_FRAMES = 5;

    private final FaceLandmarker landmarker;
    private ScoredBox lastBox;
    private int reused;

    public LandmarkEyeObserver(FaceLandmarker landmarker) {
        this.landmarker = landmarker;
    }

    /** Loads face-api's models from a directory holding its tiny detector and 68-point landmark net files. */
    public static LandmarkEyeObserver load(Path faceApiModelDir) throws IOException {
        return new LandmarkEyeObserver(FaceLandmarker.load(faceApiModelDir));
    }

    /** The detector input size for a frame: its longer side rounded up to a multiple of 32, within [160, 416]. */
    public static int inputSizeFor(BgrImage image) {
        int side = Math.max(image.width(), image.height());
        return Math.max(160, Math.min(TinyFaceDetector.DEFAULT_INPUT_SIZE, (side + 31) / 32 * 32));
    }

    /** Every face in an image, most confident first, with the detector sized for it. */
    public static List<FaceLandmarks> faces(FaceLandmarker landmarker, BgrImage image) {
        return landmarker.withDetectorInputSize(inputSizeFor(image)).detect(image);
    }

    @Override
    public Optional<EyeObservation> observe(BgrImage frame) {
        List<FaceLandmarks> faces = faces(landmarker, frame);
        FaceLandmarks face = null;
        if (!faces.isEmpty()) {
            face = faces.get(0);
            lastBox = new ScoredBox(face.x(), face.y(), face.width(), face.height(), face.score());
            reused = 0;
        } else if (lastBox != null && reused < MAX_REUSED_FRAMES) {
            face = landmarker.landmarks(frame, lastBox);
            reused++;
        }
        return face == null ? Optional.empty() : Optional.of(observe(frame, face));
    }

    @Override
    public void reset() {
        lastBox = null;
        reused = 0;
    }

    /** The eyes of a face whose landmarks are already known. */
    public static EyeObservation observe(BgrImage frame, FaceLandmarks face) {
        float[] left = GreyCrops.grey(EyeCrop.crop(frame, face, true, EyeStateCnn.CROP));
        float[] right = GreyCrops.grey(EyeCrop.crop(frame, face, false, EyeStateCnn.CROP));
        return new EyeObservation(left, right, EyeAspectRatio.of(face.leftEye()), EyeAspectRatio.of(face.rightEye()));
    }

    public FaceLandmarker landmarker() {
        return landmarker;
    }
}
