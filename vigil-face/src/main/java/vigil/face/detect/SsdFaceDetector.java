package vigil.face.detect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vigil.data.image.BgrImage;
import vigil.face.crop.DetectorInput;
import vigil.io.caffe.CaffeNet;
import vigil.io.caffe.Detection;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * The Silent-Face face detector (a RetinaFace-style SSD in Caffe format), run as its reference
 * pipeline runs it: the image shrunk to about 192x192 pixels keeping its aspect ratio, minus the
 * BGR means (104, 117, 123), through the net to its DetectionOutput rows.
 *
 * <p>Unlike the reference, which takes the best row whatever its confidence (and so reports a box
 * on images with no face), every row at or above a threshold is a face and nothing else is.
 */
public final class SsdFaceDetector {
    public static final float DEFAULT_THRESHOLD = 0.6f;
    private static final String OUTPUT = "detection_out";
    private static final float[] MEAN_BGR = {104f, 117f, 123f};

    private final CaffeNet net;
    private final float threshold;

    public SsdFaceDetector(CaffeNet net, float threshold) {
        if (!(threshold >= 0f && threshold <= 1f)) {
            throw new IllegalArgumentException("detector threshold must be in [0, 1], got " + threshold);
        }
        this.net = net;
        this.threshold = threshold;
    }

    public static SsdFaceDetector load(Path prototxt, Path caffemodel, float threshold) throws IOException {
        return new SsdFaceDetector(CaffeNet.load(prototxt, caffemodel), threshold);
    }

    public float threshold() {
        return threshold;
    }

    /** Faces at or above the threshold, most confident first. */
    public List<FaceBox> detect(BgrImage image) {
        List<FaceBox> faces = new ArrayList<>();
        for (Detection d : rawDetections(image)) {
            if (d.confidence() >= threshold) {
                faces.add(toPixels(d, image.width(), image.height()));
            }
        }
        faces.sort((a, b) -> Float.compare(b.confidence(), a.confidence()));
        return faces;
    }

    /** Every row the net kept (its own confidence_threshold applies), in output order. */
    public List<Detection> rawDetections(BgrImage image) {
        BgrImage input = DetectorInput.resize(image);
        Tensor blob = input.toTensor(MEAN_BGR[0], MEAN_BGR[1], MEAN_BGR[2]);
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            return Detection.fromOutput(net.forward(blob, OUTPUT));
        }
    }

    /**
     * The reference's box rule: corners scaled to the original size in double precision (NumPy
     * promotes the float32 outputs), then int() truncation of left, top and of the inclusive size.
     */
    static FaceBox toPixels(Detection d, int width, int height) {
        double left = (double) d.xmin() * width;
        double top = (double) d.ymin() * height;
        double right = (double) d.xmax() * width;
        double bottom = (double) d.ymax() * height;
        return new FaceBox((int) left, (int) top, (int) (right - left + 1), (int) (bottom - top + 1), d.confidence());
    }
}
