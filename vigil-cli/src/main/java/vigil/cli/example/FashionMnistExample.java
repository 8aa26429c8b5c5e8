package vigil.cli.example;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import vigil.data.idx.LabelledImages;
import vigil.data.progress.ProgressBar;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;
import vigil.tensor.loss.CrossEntropy;
import vigil.tensor.optim.Adam;
import vigil.tensor.optim.CosineLr;
import vigil.tensor.optim.LrSchedule;
import vigil.tensor.optim.WarmupLr;

/**
 * Trains {@link SeparableCnn} on Fashion-MNIST (Debian's dataset-fashion-mnist, fetched by
 * scripts/fetch-test-data.sh): Adam with linear warm-up then cosine decay, cross-entropy, random
 * horizontal flips, and reports test accuracy after every epoch.
 */
public final class FashionMnistExample {

    /** Settings; trainLimit &lt; 60000 trains on a prefix (for quick checks). */
    public record Options(Path dataDir, int epochs, int batchSize, int width, double lr, long seed, int trainLimit) {
        public static Options defaults(Path dataDir) {
            return new Options(dataDir, 5, 64, 24, 3e-3, 1, 60000);
        }
    }

    /** Test accuracy after the last epoch, in [0, 1]. */
    public static double run(Options o, PrintStream out) throws IOException {
        LabelledImages train = LabelledImages.read(o.dataDir().resolve("train-images-idx3-ubyte.gz"),
                o.dataDir().resolve("train-labels-idx1-ubyte.gz"));
        LabelledImages test = LabelledImages.read(o.dataDir().resolve("t10k-images-idx3-ubyte.gz"),
                o.dataDir().resolve("t10k-labels-idx1-ubyte.gz"));
        int n = Math.min(o.trainLimit(), train.size());
        Rng rng = new Rng(o.seed());
        SeparableCnn model = new SeparableCnn(1, o.width(), train.classes(), rng.fork(1));
        out.printf(Locale.ROOT, "fashion-mnist: %d train / %d test images, %d parameters, %d epochs of batch %d%n",
                n, test.size(), model.parameterCount(), o.epochs(), o.batchSize());
        Adam opt = new Adam(model.parameters(), o.lr());
        int stepsPerEpoch = n / o.batchSize();
        int total = stepsPerEpoch * o.epochs();
        LrSchedule schedule = new WarmupLr(new CosineLr(o.lr(), 0, total), Math.min(200, total / 10 + 1), 0.1);
        CrossEntropy loss = CrossEntropy.mean();
        Rng order = rng.fork(2);
        Rng flips = rng.fork(3);
        double accuracy = 0;
        int step = 0;
        for (int epoch = 1; epoch <= o.epochs(); epoch++) {
            model.train(true);
            int[] perm = new int[n];
            Arrays.setAll(perm, i -> i);
            order.shuffle(perm);
            ProgressBar bar = new ProgressBar(out, "epoch " + epoch + "/" + o.epochs(), (long) stepsPerEpoch * o.batchSize());
            double lossSum = 0;
            int seen = 0;
            int right = 0;
            for (int b = 0; b < stepsPerEpoch; b++) {
                LabelledImages batch = train.batch(Arrays.copyOfRange(perm, b * o.batchSize(), (b + 1) * o.batchSize()));
                Tensor x = flipHalf(batch.images(), flips);
                opt.setLearningRate(schedule.lrAt(step++));
                opt.zeroGrad();
                Tensor logits = model.forward(x);
                Tensor l = loss.apply(logits, batch.labels());
                float lv = l.item();
                if (!Float.isFinite(lv)) {
                    throw new IllegalStateException("fashion-mnist: loss is " + lv + " at epoch " + epoch + " step " + b
                            + "; stopping instead of training on garbage");
                }
                l.backward();
                opt.step();
                lossSum += lv * o.batchSize();
                seen += o.batchSize();
                right += Accuracy.correct(logits, batch.labels());
                bar.step(o.batchSize(), String.format(Locale.ROOT, "loss %.4f acc %.2f%%", lossSum / seen,
                        100.0 * right / seen));
            }
            bar.finish(String.format(Locale.ROOT, "loss %.4f acc %.2f%%", lossSum / seen, 100.0 * right / seen));
            accuracy = evaluate(model, test, 500);
            out.printf(Locale.ROOT, "epoch %d: test accuracy %.2f%%%n", epoch, 100 * accuracy);
        }
        out.printf(Locale.ROOT, "fashion-mnist: final test accuracy %.2f%% (%d test images)%n", 100 * accuracy, test.size());
        return accuracy;
    }

    static double evaluate(SeparableCnn model, LabelledImages test, int batch) {
        model.eval();
        int right = 0;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            for (int start = 0; start < test.size(); start += batch) {
                int[] idx = new int[Math.min(batch, test.size() - start)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = start + i;
                }
                LabelledImages b = test.batch(idx);
                right += Accuracy.correct(model.forward(b.images()), b.labels());
            }
        }
        return (double) right / test.size();
    }

    /** Mirrors each image left-right with probability 1/2 (garments are left-right symmetric classes). */
    private static Tensor flipHalf(Tensor images, Rng rng) {
        int[] s = images.shape();
        int h = s[2];
        int w = s[3];
        float[] x = images.data();
        for (int i = 0; i < s[0] * s[1]; i++) {
            if (rng.nextFloat() < 0.5f) {
                continue;
            }
            for (int r = 0; r < h; r++) {
                int row = i * h * w + r * w;
                for (int c = 0; c < w / 2; c++) {
                    float t = x[row + c];
                    x[row + c] = x[row + w - 1 - c];
                    x[row + w - 1 - c] = t;
                }
            }
        }
        return images;
    }
}
