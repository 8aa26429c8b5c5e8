package vigil.liveness.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import vigil.data.image.BgrImage;
import vigil.face.detect.FaceBox;
import vigil.face.detect.SsdFaceDetector;

/** Where the faces of a frame are (the benchmark uses the Silent-Face SSD; tests may place boxes themselves). */
@FunctionalInterface
public interface FaceFinder {
    List<FaceBox> find(BgrImage frame);

    /** The SSD detector in dir (deploy.prototxt, Widerface-RetinaFace.caffemodel) at the given confidence. */
    static FaceFinder ssd(Path dir, float threshold) throws IOException {
        SsdFaceDetector detector = SsdFaceDetector.load(dir.resolve("deploy.prototxt"),
                dir.resolve("Widerface-RetinaFace.caffemodel"), threshold);
        return detector::detect;
    }
}
