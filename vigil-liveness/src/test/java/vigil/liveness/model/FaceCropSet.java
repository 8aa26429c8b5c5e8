package vigil.liveness.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vigil.data.augment.attack.AttackKind;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;
import vigil.face.crop.ScaledCrop;
import vigil.face.detect.FaceBox;
import vigil.face.detect.SsdFaceDetector;
import vigil.liveness.train.BatchSource;
import vigil.liveness.train.TrainBatch;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * A tiny anti-spoofing set made here: the faces the Silent-Face detector finds (confidence >= 0.6) in
 * a few of the fetched photos (.cache/data/photos; none of them is a Silent-Face sample image), each
 * cropped at a context scale and resized as PassiveLiveness crops, plus one print and one replay
 * attack synthesised from every crop by vigil-data's attack simulator.
 */
final class FaceCropSet {
    static final List<String> PHOTOS = List.of("astronaut.png", "grace_hopper_512x512.jpg", "kphotoalbum/donna.jpg",
            "kphotoalbum/jesper.jpg", "kphotoalbum/anne_helene.jpg", "kphotoalbum/blackie.jpg");

    /** Crops [N, 3, size, size] BGR 0..255 and whether each is live; attackKinds[i] is null for live. */
    record Crops(Tensor images, boolean[] live, AttackKind[] attackKinds) {
        int size() {
            return live.length;
        }
    }

    private FaceCropSet() {
    }

    /** The detected boxes, per photo in PHOTOS order. */
    static List<List<FaceBox>> detect(SsdFaceDetector detector, List<BgrImage> photos) {
        List<List<FaceBox>> out = new ArrayList<>();
        for (BgrImage p : photos) {
            out.add(detector.detect(p));
        }
        return out;
    }

    static List<BgrImage> photos() throws IOException {
        List<BgrImage> out = new ArrayList<>();
        for (String name : PHOTOS) {
            out.add(ImageDecoder.readBgr(ModelFixtures.dataCache().resolve("photos").resolve(name)));
        }
        return out;
    }

    static SsdFaceDetector detector() throws IOException {
        Path dir = ModelFixtures.shared().resolve("models/silent-face");
        return SsdFaceDetector.load(dir.resolve("deploy.prototxt"), dir.resolve("Widerface-RetinaFace.caffemodel"), 0.6f);
    }

    /** Every face at the given scale and size, live, then its print and replay attacks. */
    static Crops crops(List<BgrImage> photos, List<List<FaceBox>> boxes, double scale, int size, long seed) {
        List<BgrImage> images = new ArrayList<>();
        List<AttackKind> kinds = new ArrayList<>();
        Rng rng = new Rng(seed);
        for (int p = 0; p < photos.size(); p++) {
            BgrImage photo = photos.get(p);
            for (FaceBox b : boxes.get(p)) {
                BgrImage live = ScaledCrop.of(b.x(), b.y(), b.width(), b.height(), photo.width(), photo.height(), scale)
                        .cropAndResize(photo, size, size);
                images.add(live);
                kinds.add(null);
                for (AttackKind k : AttackKind.values()) {
                    images.add(k.synthesise(live, rng.fork(images.size())).image());
                    kinds.add(k);
                }
            }
        }
        int n = images.size();
        float[] data = new float[n * 3 * size * size];
        boolean[] live = new boolean[n];
        for (int i = 0; i < n; i++) {
            float[] one = images.get(i).toTensor().data();
            System.arraycopy(one, 0, data, i * one.length, one.length);
            live[i] = kinds.get(i) == null;
        }
        return new Crops(Tensor.of(data, n, 3, size, size), live, kinds.toArray(new AttackKind[0]));
    }

    /** The same whole-set batch at every index (one batch per epoch). */
    static BatchSource everyStep(TrainBatch batch) {
        return new BatchSource() {
            @Override
            public long batchesPerEpoch() {
                return 1;
            }

            @Override
            public TrainBatch batch(long index) {
                return batch;
            }
        };
    }
}
