package vigil.liveness.selection;

import java.util.Arrays;
import vigil.data.idx.LabelledImages;
import vigil.liveness.train.LogitMath;
import vigil.tensor.Tensor;
import vigil.tensor.TensorScope;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;
import vigil.tensor.loss.CrossEntropy;
import vigil.tensor.optim.Adam;
import vigil.tensor.optim.CosineLr;
import vigil.tensor.optim.LrSchedule;

/**
 * Trains a {@link SelectionMlp} on a subset of a labelled image set (Adam, cosine-decayed learning
 * rate, cross-entropy), optionally feeding a {@link SampleTracker}, and measures test accuracy.
 * Every kept sample is presented once per epoch (the last batch may be short), so the tracker sees
 * each sample at every epoch.
 */
public final class SubsetTraining {

    /** Model and schedule; the same for the full run and every subset, so only the data differs. */
    public record Settings(int width, int epochs, int batchSize, double lr) {
        public Settings {
            if (width < 1 || epochs < 1 || batchSize < 1 || !(lr > 0)) {
                throw new IllegalArgumentException("bad training settings " + width + "/" + epochs + "/" + batchSize + "/" + lr);
            }
        }
    }

    private SubsetTraining() {
    }

    /**
     * Trains on train[indices] from a seed; a non-null tracker records every presentation under the
     * sample's index in {@code train}. Returns the test accuracy in [0, 1] after the last epoch.
     */
    public static double run(LabelledImages train, LabelledImages test, int[] indices, Settings s, long seed,
                             SampleTracker tracker) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("cannot train on an empty subset");
        }
        int[] shape = train.images().shape();
        int inputs = shape[1] * shape[2] * shape[3];
        int classes = train.classes();
        Rng rng = new Rng(seed);
        SelectionMlp model = new SelectionMlp(inputs, s.width(), classes, rng.fork(1));
        Rng order = rng.fork(2);
        Adam opt = new Adam(model.parameters(), s.lr());
        int stepsPerEpoch = (indices.length + s.batchSize() - 1) / s.batchSize();
        LrSchedule schedule = new CosineLr(s.lr(), 0, stepsPerEpoch * s.epochs());
        CrossEntropy loss = CrossEntropy.mean();
        int step = 0;
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            model.train(true);
            int[] perm = indices.clone();
            order.shuffle(perm);
            for (int start = 0; start < perm.length; start += s.batchSize()) {
                int[] batchIdx = Arrays.copyOfRange(perm, start, Math.min(perm.length, start + s.batchSize()));
                LabelledImages batch = train.batch(batchIdx);
                opt.setLearningRate(schedule.lrAt(step++));
                // the step's activations go back to the buffer pool for the next step (see TensorScope)
                try (TensorScope stepScope = TensorScope.open()) {
                    opt.zeroGrad();
                    Tensor features = model.features(batch.images());
                    Tensor logits = model.head(features);
                    Tensor l = loss.apply(logits, batch.labels());
                    float lv = l.item();
                    if (!Float.isFinite(lv)) {
                        throw new IllegalStateException("selection training: loss is " + lv + " at epoch " + epoch
                                + ", batch starting at " + start + " (seed " + seed + ")");
                    }
                    if (tracker != null) {
                        tracker.record(epoch, batchIdx, softmaxRows(logits.data(), classes), batch.labels().longs(),
                                classes, features.data(), s.width());
                    }
                    l.backward();
                    opt.step();
                }
            }
        }
        return accuracy(model, test, 1000);
    }

    /** Fraction of test images whose arg-max prediction equals the label. */
    public static double accuracy(SelectionMlp model, LabelledImages test, int batch) {
        model.eval();
        int right = 0;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            for (int start = 0; start < test.size(); start += batch) {
                int[] idx = new int[Math.min(batch, test.size() - start)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = start + i;
                }
                LabelledImages b = test.batch(idx);
                float[] logits = model.forward(b.images()).data();
                boolean[] ok = PerSampleScores.correct(logits, b.labels().longs(), test.classes());
                for (boolean o : ok) {
                    right += o ? 1 : 0;
                }
            }
        }
        return (double) right / test.size();
    }

    /** Row-wise softmax of logits [B, C] (see {@link LogitMath}). */
    static float[] softmaxRows(float[] logits, int classes) {
        return LogitMath.softmaxRows(logits, classes);
    }
}
