package vigil.liveness.blink;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import vigil.tensor.Tensor;
import vigil.tensor.TensorScope;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;
import vigil.tensor.loss.BinaryCrossEntropyWithLogits;
import vigil.tensor.ops.Activations;
import vigil.tensor.optim.Adam;
import vigil.tensor.optim.CosineLr;
import vigil.tensor.optim.GradClip;

/**
 * Reproduces the shipped blink weights from a seed: (1) the eye-state CNN on real open eyes, their
 * synthetic closures and the hand-labelled real closed eyes ({@link EyeLabels}); (2) a table of
 * its outputs ({@link EyeStateBank}); (3) the blink GRU on sequences drawn from that table
 * ({@link BlinkSequenceSynthesizer}); (4) the passive-score smoother on synthetic score sequences.
 * Sources are split by file: every fifth image file is held out, and the held-out figures in the
 * report come from sequences built on those faces only.
 * Single-threaded arithmetic on seeded streams: the same inputs and seed give the same weights.
 */
public final class BlinkTraining {
    public record Settings(long seed, int cnnSteps, int cnnBatch, int variants, int gruSteps, int gruBatch,
                           int minFrames, int maxFrames, int smootherSteps) {
        public static Settings defaults() {
            return new Settings(1, 1600, 64, 4, 700, 32, 24, 96, 400);
        }
    }

    /** Held-out figures: CNN open/closed accuracy; GRU blink-event recall and precision; smoother frame accuracy. */
    public record Report(int trainSources, int heldOutSources, double cnnAccuracy, double eventRecall,
                         double eventPrecision, int trueBlinks, double smootherAccuracy, int parameters) {
    }

    private BlinkTraining() {
    }

    /** As {@link #run(List, EyeLabels, Settings, Path, PrintStream)} with every eye taken as open. */
    public static Report run(List<EyeSource> sources, Settings s, Path outDir, PrintStream log) throws IOException {
        return run(sources, EyeLabels.none(), s, outDir, log);
    }

    /**
     * Trains the three models from the sources (eyes labelled by labels: open unless listed) and writes
     * them to outDir. Sources whose two eyes are both unusable are dropped before the split.
     */
    public static Report run(List<EyeSource> sources, EyeLabels labels, Settings s, Path outDir, PrintStream log)
            throws IOException {
        List<EyeSource> usable = sources.stream().filter(src -> labels.state(src, true) != EyeLabels.State.UNUSABLE
                || labels.state(src, false) != EyeLabels.State.UNUSABLE).toList();
        List<EyeSource> train = new ArrayList<>();
        List<EyeSource> heldOut = new ArrayList<>();
        split(usable, train, heldOut);
        if (train.isEmpty() || heldOut.isEmpty()) {
            throw new IllegalArgumentException("blink training needs faces in at least two image files and a video;"
                    + " found " + train.size() + " training and " + heldOut.size() + " held-out eye pairs");
        }
        log.printf(Locale.ROOT, "blink training: %d eye pairs for training, %d held out (seed %d): %s%n", train.size(),
                heldOut.size(), s.seed(), new TreeSet<>(heldOut.stream().map(EyeSource::fileName).toList()));
        Rng rng = new Rng(s.seed());
        BlinkModels models = BlinkModels.initial(s.seed());
        EyeStateTraining eyeTraining = new EyeStateTraining();
        eyeTraining.train(models.eyeState(), train, labels, s.cnnSteps(), s.cnnBatch(), rng.fork(10), log);
        double cnnAccuracy = eyeTraining.openClosedAccuracy(models.eyeState(), heldOut, labels, 200, rng.fork(11));
        log.printf(Locale.ROOT, "eye-state CNN: held-out open/closed accuracy %.2f%%%n", 100 * cnnAccuracy);

        // The sequences start from open eyes: only faces whose two eyes are open build them.
        EyeStateBank trainBank = eyeTraining.bank(models.eyeState(), bothOpen(train, labels), s.variants(), rng.fork(12));
        EyeStateBank heldOutBank = eyeTraining.bank(models.eyeState(), bothOpen(heldOut, labels), s.variants(),
                rng.fork(13));
        trainBlinkGru(models.blink(), new BlinkSequenceSynthesizer(trainBank, s.minFrames(), s.maxFrames()), s,
                rng.fork(20), log);
        double[] events = eventScores(models.blink(),
                new BlinkSequenceSynthesizer(heldOutBank, s.minFrames(), s.maxFrames()).sample(rng.fork(21), 400));
        log.printf(Locale.ROOT, "blink GRU: held-out blink recall %.3f, precision %.3f (%d true blinks)%n", events[0],
                events[1], (int) events[2]);

        trainSmoother(models.smoother(), s, rng.fork(30), log);
        double smoother = smootherAccuracy(models.smoother(), ScoreSequenceSynthesizer.sample(rng.fork(31), 500, 60));
        log.printf(Locale.ROOT, "score smoother: held-out last-frame accuracy %.2f%%%n", 100 * smoother);

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("vigil.training", String.format(Locale.ROOT,
                "{\"seed\":%d,\"cnn_steps\":%d,\"gru_steps\":%d,\"smoother_steps\":%d,\"eye_pairs\":%d,"
                        + "\"closed_eyes\":\"synthetic (ClosedEyeSynthesizer) and %d hand-labelled real\"}",
                s.seed(), s.cnnSteps(), s.gruSteps(), s.smootherSteps(), train.size(),
                EyeStateTraining.eyes(train, labels, EyeLabels.State.CLOSED).size()));
        models.inEvalMode().save(outDir, meta);
        log.printf(Locale.ROOT, "blink training: %d parameters written to %s%n", models.parameterCount(), outDir);
        return new Report(train.size(), heldOut.size(), cnnAccuracy, events[0], events[1], (int) events[2], smoother,
                models.parameterCount());
    }

    private static List<EyeSource> bothOpen(List<EyeSource> sources, EyeLabels labels) {
        return sources.stream().filter(src -> labels.state(src, true) == EyeLabels.State.OPEN
                && labels.state(src, false) == EyeLabels.State.OPEN).toList();
    }

    /** Holds out every fifth image file (by sorted file name); video frames always train. */
    static void split(List<EyeSource> sources, List<EyeSource> train, List<EyeSource> heldOut) {
        TreeSet<String> imageFiles = new TreeSet<>();
        for (EyeSource src : sources) {
            if (!src.fromVideo()) {
                imageFiles.add(src.fileName());
            }
        }
        List<String> files = new ArrayList<>(imageFiles);
        for (EyeSource src : sources) {
            int i = files.indexOf(src.fileName());
            (i >= 0 && i % 5 == 4 ? heldOut : train).add(src);
        }
    }

    static void trainBlinkGru(BlinkGru gru, BlinkSequenceSynthesizer synth, Settings s, Rng rng, PrintStream log) {
        gru.train(true);
        Adam opt = new Adam(gru.parameters(), 1e-2);
        CosineLr schedule = new CosineLr(1e-2, 5e-4, s.gruSteps());
        BinaryCrossEntropyWithLogits loss = BinaryCrossEntropyWithLogits.mean().withPosWeight(Tensor.of(new float[] {3f}, 1));
        for (int step = 0; step < s.gruSteps(); step++) {
            BlinkSequenceSynthesizer.Batch b = synth.sample(rng, s.gruBatch());
            opt.setLearningRate(schedule.lrAt(step));
            float lv;
            // the step's activations go back to the buffer pool for the next step (see TensorScope)
            try (TensorScope stepScope = TensorScope.open()) {
                opt.zeroGrad();
                Tensor l = loss.apply(gru.forward(b.x()), b.target());
                lv = l.item();
                if (!Float.isFinite(lv)) {
                    throw new IllegalStateException("blink GRU training: loss is " + lv + " at step " + step);
                }
                l.backward();
                GradClip.clipByNorm(gru.parameters(), 1.0);
                opt.step();
            }
            if ((step + 1) % 100 == 0) {
                log.printf(Locale.ROOT, "blink GRU: step %d/%d loss %.4f%n", step + 1, s.gruSteps(), lv);
            }
        }
        gru.eval();
    }

    /**
     * Blink events from the GRU's outputs (default thresholds) against the true blinks: recall = true
     * blinks overlapped by a detected event, precision = detected events overlapping a true blink.
     * Returns {recall, precision, true blinks}.
     */
    static double[] eventScores(BlinkGru gru, BlinkSequenceSynthesizer.Batch b) {
        float[] logits;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            logits = gru.forward(b.x()).data();
        }
        int n = b.times().length;
        int frames = b.times()[0].length;
        int truth = 0;
        int found = 0;
        int detected = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            BlinkEventExtractor ex = new BlinkEventExtractor(BlinkEventExtractor.Thresholds.DEFAULT);
            List<BlinkEvent> events = new ArrayList<>();
            for (int t = 0; t < frames; t++) {
                ex.accept(t, b.times()[i][t], Activations.sigmoid(logits[i * frames + t])).ifPresent(events::add);
            }
            ex.finish().ifPresent(events::add);
            List<int[]> spans = b.blinks().get(i);
            truth += spans.size();
            detected += events.size();
            for (int[] span : spans) {
                found += events.stream().anyMatch(e -> e.start() <= span[1] && span[0] <= e.end()) ? 1 : 0;
            }
            for (BlinkEvent e : events) {
                correct += spans.stream().anyMatch(sp -> e.start() <= sp[1] && sp[0] <= e.end()) ? 1 : 0;
            }
        }
        return new double[] {truth == 0 ? 1 : (double) found / truth, detected == 0 ? 1 : (double) correct / detected,
                truth};
    }

    static void trainSmoother(ScoreSmootherGru smoother, Settings s, Rng rng, PrintStream log) {
        smoother.train(true);
        Adam opt = new Adam(smoother.parameters(), 1e-2);
        BinaryCrossEntropyWithLogits loss = BinaryCrossEntropyWithLogits.mean();
        for (int step = 0; step < s.smootherSteps(); step++) {
            ScoreSequenceSynthesizer.Batch b = ScoreSequenceSynthesizer.sample(rng, 32, 20 + rng.nextInt(61));
            try (TensorScope stepScope = TensorScope.open()) { // the step's buffers are recycled, see TensorScope
                opt.zeroGrad();
                Tensor l = loss.apply(smoother.forward(b.x()), b.target());
                l.backward();
                GradClip.clipByNorm(smoother.parameters(), 1.0);
                opt.step();
                if ((step + 1) % 100 == 0) {
                    log.printf(Locale.ROOT, "score smoother: step %d/%d loss %.4f%n", step + 1, s.smootherSteps(),
                            l.item());
                }
            }
        }
        smoother.eval();
    }

    /** Fraction of sequences whose last-frame smoothed score is on the side of their label. */
    static double smootherAccuracy(ScoreSmootherGru smoother, ScoreSequenceSynthesizer.Batch b) {
        float[] logits;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            logits = smoother.forward(b.x()).data();
        }
        int n = b.x().shape()[0];
        int frames = b.x().shape()[1];
        float[] y = b.target().data();
        int right = 0;
        for (int i = 0; i < n; i++) {
            int last = i * frames + frames - 1;
            right += (logits[last] > 0) == (y[last] > 0.5f) ? 1 : 0;
        }
        return (double) right / n;
    }
}
