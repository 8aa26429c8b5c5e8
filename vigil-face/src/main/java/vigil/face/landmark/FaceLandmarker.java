package vigil.face.landmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vigil.data.image.BgrImage;

/**
 * face-api's face pipeline in Java: the tiny face detector finds boxes, the 68-point landmark net
 * places points in each. Results match face-api 1.7.15 under TF.js on the same RGB pixels (see the
 * goldens under vigil-face/src/test/resources/face-api).
 *
 * <p>The model folder is face-api's {@code model/} folder (scripts/fetch-test-data.sh puts it at
 * {@code .cache/data/face-api/}): {@code tiny_face_detector_model-weights_manifest.json} +
 * {@code .bin}, and the landmark net's manifest + {@code .bin}.
 */
public final class FaceLandmarker {
    private final TinyFaceDetector detector;
    private final FaceLandmarkNet landmarkNet;

    public FaceLandmarker(TinyFaceDetector detector, FaceLandmarkNet landmarkNet) {
        this.detector = detector;
        this.landmarkNet = landmarkNet;
    }

    /** The tiny detector (input 416, score threshold 0.5, face-api's defaults) and the full landmark net. */
    public static FaceLandmarker load(Path faceApiModelDir) throws IOException {
        return load(faceApiModelDir, LandmarkNetKind.FULL);
    }

    public static FaceLandmarker load(Path faceApiModelDir, LandmarkNetKind kind) throws IOException {
        return new FaceLandmarker(TinyFaceDetector.load(faceApiModelDir), FaceLandmarkNet.load(faceApiModelDir, kind));
    }

    /** The same landmarker with another detector (e.g. another input size or threshold). */
    public FaceLandmarker withDetector(TinyFaceDetector other) {
        return new FaceLandmarker(other, landmarkNet);
    }

    /**
     * The detector run at another square input size (a multiple of 32). Small faces in small frames
     * do better below the default 416: on the 160x120 kphotoalbum clip, 224 finds the face in every frame.
     */
    public FaceLandmarker withDetectorInputSize(int size) {
        return new FaceLandmarker(detector.withInputSize(size), landmarkNet);
    }

    public TinyFaceDetector detector() {
        return detector;
    }

    public FaceLandmarkNet landmarkNet() {
        return landmarkNet;
    }

    /** Every face the detector keeps, most confident first, each with its 68 points. */
    public List<FaceLandmarks> detect(BgrImage image) {
        List<FaceLandmarks> faces = new ArrayList<>();
        for (ScoredBox box : detector.detect(image)) {
            FaceLandmarks face = landmarks(image, box);
            if (face != null) {
                faces.add(face);
            }
        }
        return faces;
    }

    /**
     * Landmarks inside a box from any detector (e.g. the SSD one), or null when the box lies outside
     * the image. The box is used as face-api uses a detection.
     */
    public FaceLandmarks landmarks(BgrImage image, ScoredBox box) {
        float[] points = landmarkNet.predict(image, box);
        return points == null ? null : new FaceLandmarks(box.x(), box.y(), box.width(), box.height(), box.score(), points);
    }
}
