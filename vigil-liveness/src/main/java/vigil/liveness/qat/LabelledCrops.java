package vigil.liveness.qat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import vigil.data.augment.attack.AttackKind;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;
import vigil.face.detect.FaceBox;
import vigil.face.detect.SsdFaceDetector;
import vigil.liveness.passive.MiniFasNetSpec;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * Model-input crops with class labels, for QAT fine-tuning: the most confident face of each image,
 * cropped at the model's context scale and resized to its input, as the passive pipeline crops
 * (BGR 0..255, [3, H, W] each). Spoofs may be synthesised from live images (vigil-data attack synthesis on
 * the whole image, cropped with the live image's face box, since the attacks keep the geometry).
 */
public final class LabelledCrops {
    /** One crop [3, H, W] and its class; source says where it came from, for logs. */
    public record Crop(Tensor pixels, long label, String source) {
    }

    private final SsdFaceDetector detector;
    private final MiniFasNetSpec spec;
    private final List<Crop> crops = new ArrayList<>();

    public LabelledCrops(SsdFaceDetector detector, MiniFasNetSpec spec) {
        this.detector = detector;
        this.spec = spec;
    }

    /** Adds the face crop of file with label; returns empty (and adds nothing) when no face is found. */
    public Optional<Crop> add(Path file, long label) throws IOException {
        BgrImage image = ImageDecoder.readBgr(file);
        Optional<FaceBox> box = face(image);
        return box.map(b -> add(new Crop(crop(image, b), label, file.getFileName().toString())));
    }

    /**
     * Adds `count` synthesised spoofs of the face in the live image file, kinds alternating print / replay,
     * labelled spoofLabel; returns how many were added (0 without a face).
     */
    public int addSynthesised(Path file, int count, long spoofLabel, Rng rng) throws IOException {
        BgrImage image = ImageDecoder.readBgr(file);
        Optional<FaceBox> box = face(image);
        if (box.isEmpty()) {
            return 0;
        }
        AttackKind[] kinds = AttackKind.values();
        for (int i = 0; i < count; i++) {
            AttackKind kind = kinds[i % kinds.length];
            BgrImage spoof = kind.synthesise(image, rng.fork(i)).image();
            if (spoof.width() != image.width() || spoof.height() != image.height()) {
                throw new IllegalStateException(file + ": " + kind.label() + " synthesis changed the image size");
            }
            add(new Crop(crop(spoof, box.get()), spoofLabel, file.getFileName() + "+" + kind.label() + i));
        }
        return count;
    }

    public Crop add(Crop c) {
        crops.add(c);
        return c;
    }

    public List<Crop> crops() {
        return Collections.unmodifiableList(crops);
    }

    /** The model input of the most confident face of an image: [1, 3, H, W], or empty without a face. */
    public Optional<Tensor> modelInput(BgrImage image) {
        return face(image).map(b -> {
            Tensor t = crop(image, b);
            return Tensor.of(t.data(), 1, 3, t.dim(1), t.dim(2));
        });
    }

    private Optional<FaceBox> face(BgrImage image) {
        List<FaceBox> faces = detector.detect(image);
        return faces.isEmpty() ? Optional.empty() : Optional.of(faces.get(0));
    }

    private Tensor crop(BgrImage image, FaceBox b) {
        return Tensor.of(spec.crop(image, b).toTensor().data(), 3, spec.inputHeight(), spec.inputWidth());
    }
}
