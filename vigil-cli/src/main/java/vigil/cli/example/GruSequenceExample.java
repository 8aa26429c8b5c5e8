package vigil.cli.example;

import java.io.PrintStream;
import java.util.Locale;
import vigil.data.progress.ProgressBar;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;
import vigil.tensor.loss.CrossEntropy;
import vigil.tensor.nn.GRU;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.Module;
import vigil.tensor.ops.RecurrentConfig;
import vigil.tensor.ops.Views;
import vigil.tensor.optim.Adam;
import vigil.tensor.optim.GradClip;

/**
 * Trains a GRU with a linear head on its last hidden state to count blinks in synthetic
 * eye-openness sequences ({@link BlinkCountTask}); reports accuracy on a held-out set.
 */
public final class GruSequenceExample {

    public record Options(int steps, int batchSize, int frames, int hidden, double lr, long seed) {
        public static Options defaults() {
            return new Options(600, 64, 30, 32, 1e-2, 1);
        }
    }

    /** GRU over frames, linear head on h_n. */
    static final class BlinkCounter extends Module {
        final GRU gru;
        final Linear head;

        BlinkCounter(int hidden, Rng rng) {
            RecurrentConfig cfg = new RecurrentConfig(RecurrentConfig.Mode.GRU, hidden, 1, false, true,
                    RecurrentConfig.Nonlinearity.TANH, true);
            gru = registerModule("gru", new GRU(BlinkCountTask.FEATURES, cfg, rng));
            head = registerModule("head", new Linear(hidden, BlinkCountTask.CLASSES, rng));
        }

        // x [N, T, F] -> logits [N, classes]
        Tensor forward(Tensor x) {
            Tensor hN = gru.forward(x, null).hN(); // [1, N, H]
            return head.forward(Views.squeeze(hN, 0));
        }
    }

    /** Held-out accuracy after training, in [0, 1]. */
    public static double run(Options o, PrintStream out) {
        Rng rng = new Rng(o.seed());
        BlinkCounter model = new BlinkCounter(o.hidden(), rng.fork(1));
        Adam opt = new Adam(model.parameters(), o.lr());
        CrossEntropy loss = CrossEntropy.mean();
        Rng data = rng.fork(2);
        BlinkCountTask.Batch heldOut = BlinkCountTask.sample(rng.fork(3), 2000, o.frames());
        out.printf(Locale.ROOT, "gru-sequence: count blinks (0-2) in %d-frame eye-openness sequences; GRU %d -> %d, "
                + "%d parameters, %d steps of batch %d%n", o.frames(), BlinkCountTask.FEATURES, o.hidden(),
                model.parameterCount(), o.steps(), o.batchSize());
        ProgressBar bar = new ProgressBar(out, "train", o.steps());
        double ema = Double.NaN;
        for (int step = 0; step < o.steps(); step++) {
            BlinkCountTask.Batch b = BlinkCountTask.sample(data, o.batchSize(), o.frames());
            opt.zeroGrad();
            Tensor l = loss.apply(model.forward(b.x()), b.labels());
            float lv = l.item();
            if (!Float.isFinite(lv)) {
                throw new IllegalStateException("gru-sequence: loss is " + lv + " at step " + step);
            }
            l.backward();
            GradClip.clipByNorm(model.parameters(), 1.0);
            opt.step();
            ema = Double.isNaN(ema) ? lv : 0.95 * ema + 0.05 * lv;
            bar.step(1, String.format(Locale.ROOT, "loss %.4f", ema));
        }
        bar.finish(String.format(Locale.ROOT, "loss %.4f", ema));
        int right;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            right = Accuracy.correct(model.forward(heldOut.x()), heldOut.labels());
        }
        double acc = (double) right / heldOut.labels().numel();
        out.printf(Locale.ROOT, "gru-sequence: held-out accuracy %.2f%% (%d sequences; chance is 33%%)%n", 100 * acc,
                heldOut.labels().numel());
        return acc;
    }
}
