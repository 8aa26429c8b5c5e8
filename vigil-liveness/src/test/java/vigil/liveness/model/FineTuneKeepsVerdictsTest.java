package vigil.liveness.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.data.image.BgrImage;
import vigil.face.detect.FaceBox;
import vigil.liveness.train.BatchSource;
import vigil.liveness.train.TrainBatch;
import vigil.liveness.train.TrainConfig;
import vigil.liveness.train.Trainer;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.ops.Softmax;

/**
 * Fine-tuning both Silent-Face models (as PassiveLiveness pairs them: V2 on 2.7x crops, V1SE on 4.0x
 * crops) for a few steps, backbone frozen, Adam at lr 1e-4, with Silent-Face's loss (0.5 CE + 0.5
 * Fourier MSE) on live faces from the fetched photos and print / replay attacks synthesised from
 * them (attacks labelled class 2, the spoof class the models give the sample attacks), keeps the
 * reference verdicts on the three Silent-Face sample images (F1, F2 spoof = class 2, T1 live = class
 * 1; shared/goldens/silent-face/reference.json), judged as PassiveLiveness judges: the mean of the two
 * models' softmax on the reference crops.
 */
class FineTuneKeepsVerdictsTest {
    static final int STEPS = 8;
    static final long SPOOF_CLASS = 2;
    private static final String[] IMAGES = {"F1", "F2", "T1"};
    private static final int[] REFERENCE_LABELS = {2, 2, 1};
    private static List<BgrImage> photos;
    private static List<List<FaceBox>> boxes;

    @BeforeAll
    static void detectFaces() throws IOException {
        photos = FaceCropSet.photos();
        boxes = FaceCropSet.detect(FaceCropSet.detector(), photos);
    }

    @Test
    void fineTuningWithAFrozenBackboneKeepsTheSilentFaceVerdicts(@TempDir Path dir) throws IOException {
        String[][] models = {{ModelFixtures.V2_FILE, "2.7", "2.7"}, {ModelFixtures.V1SE_FILE, "4.0", "4_0_0"}};
        double[][] before = new double[IMAGES.length][3];
        double[][] after = new double[IMAGES.length][3];
        for (String[] m : models) {
            FineTune.Start start = FineTune.fromSilentFace(ModelFixtures.silentFaceModel(m[0]), ModelOptions.of(80), STEPS);
            MiniFasNetMultiTask model = start.model();
            accumulate(before, model, m[2]);
            Map<String, Tensor> backboneBefore = copies(model, model.backboneParameterNames());
            FaceCropSet.Crops crops = FaceCropSet.crops(photos, boxes, Double.parseDouble(m[1]), 80, 5);
            MultiTaskLayout layout = model.layout();
            long[] labels = new long[crops.size()];
            long[] types = new long[crops.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = crops.live()[i] ? MultiTaskObjective.SILENT_FACE_LIVE_CLASS : SPOOF_CLASS;
                types[i] = -1;
            }
            TrainBatch batch = new TrainBatch(crops.images(),
                    MultiTaskTargets.forImages(layout, crops.images(), labels, types, null).pack(layout));
            BatchSource source = FaceCropSet.everyStep(batch);
            TrainConfig config = TrainConfig.parse("""
                    {"seed": 3, "steps": %d, "batch_size": %d, "optimizer": {"type": "adam", "lr": 0.0001},
                     "validate_every": %d, "output": "%s"}
                    """.formatted(STEPS, crops.size(), STEPS, dir.resolve(m[1]).toString()), "fine-tune.json");
            new Trainer<>(config, model, MultiTaskObjective.of(layout, LossWeights.silentFace()), null)
                    .fit(source, source);
            for (String key : backboneBefore.keySet()) {
                assertArrayEquals(backboneBefore.get(key).data(), model.namedParameters().get(key).data(), 0f,
                        m[0] + ": frozen backbone weight " + key + " changed");
            }
            assertFalse(java.util.Arrays.equals(model.namedParameters().get("model.prob.weight").data(),
                    FineTune.fromSilentFace(ModelFixtures.silentFaceModel(m[0]), ModelOptions.of(80), 0).model()
                            .namedParameters().get("model.prob.weight").data()), m[0] + ": the live head did not train");
            accumulate(after, model, m[2]);
        }
        for (int i = 0; i < IMAGES.length; i++) {
            System.out.printf(Locale.ROOT, "image_%s: mean softmax before %s -> after %s (faces used: %d)%n", IMAGES[i],
                    fmt(before[i]), fmt(after[i]), boxes.stream().mapToInt(List::size).sum());
            assertEquals(REFERENCE_LABELS[i], argmax(before[i]), "image_" + IMAGES[i] + " before fine-tuning");
            assertEquals(REFERENCE_LABELS[i], argmax(after[i]), "image_" + IMAGES[i] + " after fine-tuning");
        }
        assertTrue(boxes.stream().mapToInt(List::size).sum() >= 3, "too few faces found to fine-tune on");
    }

    /** Adds half of the model's softmax on each sample crop (two models: the mean). */
    private static void accumulate(double[][] sum, MiniFasNetMultiTask model, String scaleTag) throws IOException {
        model.eval();
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            for (int i = 0; i < IMAGES.length; i++) {
                float[] p = Softmax.softmax(model.heads(ModelFixtures.silentFaceCrop(IMAGES[i], scaleTag)).live(), 1)
                        .data();
                for (int k = 0; k < 3; k++) {
                    sum[i][k] += p[k] / 2.0;
                }
            }
        } finally {
            model.train(true);
        }
    }

    private static Map<String, Tensor> copies(MiniFasNetMultiTask model, List<String> keys) {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        Map<String, Tensor> all = model.namedParameters();
        for (String k : keys) {
            out.put(k, all.get(k).copy());
        }
        assertFalse(out.isEmpty(), "no backbone parameters");
        return out;
    }

    private static int argmax(double[] p) {
        int arg = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[arg]) {
                arg = k;
            }
        }
        return arg;
    }

    private static String fmt(double[] p) {
        List<String> s = new ArrayList<>();
        for (double v : p) {
            s.add(String.format(Locale.ROOT, "%.4f", v));
        }
        return s.toString();
    }
}
