package vigil.liveness.qat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vigil.data.image.ImageDecoder;
import vigil.liveness.passive.MiniFasNet;
import vigil.liveness.passive.PretrainedMiniFasNet;
import vigil.quant.qat.QatSchedule;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.ops.Softmax;
import vigil.tensor.ops.Views;

/**
 * The QAT form of the real Silent-Face models on the golden crops of the three sample images (the crops
 * the reference pipeline fed each model, ../shared/goldens/silent-face): without quantization it is the
 * float model; with 8-bit fake quantization (ranges observed on those crops, no weight update) every
 * verdict stays and the live probability moves by less than the 0.05.
 */
class PretrainedQatTest {
    private static final String[] IMAGES = {"F1", "F2", "T1"};
    private static final int LIVE = 1;

    private static Path shared() {
        return Path.of(System.getProperty("vigil.shared", "../../shared"));
    }

    private static Tensor crops(String scaleTag) throws IOException {
        Tensor[] each = new Tensor[IMAGES.length];
        for (int k = 0; k < each.length; k++) {
            each[k] = ImageDecoder.readBgr(shared().resolve("goldens/silent-face/image_" + IMAGES[k] + "_crop_"
                    + scaleTag + ".png")).toTensor();
        }
        return Views.concat(0, each);
    }

    private static float[] softmax(vigil.tensor.nn.Layer net, Tensor x) {
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            return Softmax.softmax(net.forward(x), 1).data();
        }
    }

    private static int argmax(float[] p, int row) {
        int best = 0;
        for (int k = 1; k < 3; k++) {
            best = p[row * 3 + k] > p[row * 3 + best] ? k : best;
        }
        return best;
    }

    @ParameterizedTest
    @CsvSource({"2.7_80x80_MiniFASNetV2.pth, 2.7", "4_0_0_80x80_MiniFASNetV1SE.pth, 4_0_0"})
    void withoutQuantizationTheQatFormIsTheFloatModel(String file, String scaleTag) throws IOException {
        MiniFasNet m = PretrainedMiniFasNet.load(shared().resolve("models/silent-face/" + file)).model();
        Tensor x = crops(scaleTag);
        float[] expected = softmax(m, x);
        QatMiniFasNet q = QatMiniFasNet.wrap(m, new QatSchedule(Long.MAX_VALUE, Long.MAX_VALUE));
        float[] got = softmax(q, x);
        for (int i = 0; i < got.length; i++) {
            // float32 reassociation through ~50 folded layers: measured <= 3.6e-7, asserted with 30x headroom
            assertEquals(expected[i], got[i], 1e-5, file + " probability " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"2.7_80x80_MiniFASNetV2.pth, 2.7", "4_0_0_80x80_MiniFASNetV1SE.pth, 4_0_0"})
    void eightBitFakeQuantizationKeepsEveryVerdict(String file, String scaleTag) throws IOException {
        MiniFasNet m = PretrainedMiniFasNet.load(shared().resolve("models/silent-face/" + file)).model();
        Tensor x = crops(scaleTag);
        float[] expected = softmax(m, x);
        QatMiniFasNet q = QatMiniFasNet.wrap(m, new QatSchedule(0, 0));
        q.train(true);
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            q.forward(x); // one observing batch: the ranges are these crops' ranges
        }
        q.eval();
        float[] got = softmax(q, x);
        for (int row = 0; row < IMAGES.length; row++) {
            assertEquals(argmax(expected, row), argmax(got, row), file + " verdict on " + IMAGES[row]);
            assertEquals(expected[row * 3 + LIVE], got[row * 3 + LIVE], 0.05,
                    file + " live probability on " + IMAGES[row]);
        }
    }
}
