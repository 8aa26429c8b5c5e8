package vigil.liveness.blink;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.Locale;
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
 * Trains the eye-state CNN on real open eyes and their synthetic closures: each sample is one open
 * eye of a random file, lowered by a random closure (45% left open, 10% fully closed, 45% anywhere
 * between), jittered by {@link EyeCropAugmenter}; the target is the closure itself (a soft
 * binary cross-entropy target, so a half-closed eye reads as 0.5). A share of the samples are the
 * hand-labelled real closed eyes ({@link EyeLabels}), jittered the same way, with target 1: they
 * are what a closed eye really looks like, which the synthesis only approximates. Eyes labelled
 * unusable are never drawn. Then tabulates the trained CNN over every source whose two eyes are
 * open, eye, closure level and variant ({@link EyeStateBank}).
 */
public final class EyeStateTraining {
    /** Share of training samples drawn from the real closed eyes, when there are any. */
    static final float REAL_CLOSED_SHARE = 0.1f;

    /** One eye of a source. */
    private record Eye(EyeSource source, boolean left) {
    }

    private final ClosedEyeSynthesizer closer =
            new ClosedEyeSynthesizer(EyeStateCnn.CROP, LandmarkEyeObserver.CORNER_MARGIN);
    private final EyeCropAugmenter augmenter = new EyeCropAugmenter(EyeStateCnn.CROP);

    /** Trains cnn in place; returns the mean loss of the last 50 steps. */
    public double train(EyeStateCnn cnn, List<EyeSource> sources, EyeLabels labels, int steps, int batch, Rng rng,
                        PrintStream log) {
        // Draw a file first, then an eye in it: the clip's many frames of one face must not drown the photos.
        List<List<Eye>> byFile = new ArrayList<>(eyes(sources, labels, EyeLabels.State.OPEN).stream()
                .collect(Collectors.groupingBy(e -> e.source().fileName(), TreeMap::new, Collectors.toList())).values());
        List<Eye> closed = eyes(sources, labels, EyeLabels.State.CLOSED);
        if (byFile.isEmpty()) {
            throw new IllegalArgumentException("eye-state CNN training: no open eye among " + sources.size() + " sources");
        }
        log.printf(Locale.ROOT, "eye-state CNN: %d open eyes in %d files, %d real closed eyes%n",
                byFile.stream().mapToInt(List::size).sum(), byFile.size(), closed.size());
        cnn.train(true);
        Adam opt = new Adam(cnn.parameters(), 3e-3);
        CosineLr schedule = new CosineLr(3e-3, 1e-4, steps);
        BinaryCrossEntropyWithLogits loss = BinaryCrossEntropyWithLogits.mean();
        double tail = 0;
        for (int step = 0; step < steps; step++) {
            float[][] crops = new float[batch][];
            float[] target = new float[batch];
            for (int i = 0; i < batch; i++) {
                if (!closed.isEmpty() && rng.nextFloat() < REAL_CLOSED_SHARE) {
                    Eye e = closed.get(rng.nextInt(closed.size()));
                    crops[i] = render(e.source(), e.left(), 0f, 1f, rng);
                    target[i] = 1f;
                    continue;
                }
                float u = rng.nextFloat();
                float c = u < 0.45f ? 0f : u < 0.55f ? 1f : rng.nextFloat();
                List<Eye> file = byFile.get(rng.nextInt(byFile.size()));
                Eye e = file.get(rng.nextInt(file.size()));
                crops[i] = render(e.source(), e.left(), c, 1f, rng);
                target[i] = c;
            }
            opt.setLearningRate(schedule.lrAt(step));
            float lv;
            // the step's activations go back to the buffer pool for the next step (see TensorScope)
            try (TensorScope stepScope = TensorScope.open()) {
                opt.zeroGrad();
                Tensor l = loss.apply(cnn.forward(GreyCrops.batch(crops)), Tensor.of(target, batch, 1));
                lv = l.item();
                if (!Float.isFinite(lv)) {
                    throw new IllegalStateException("eye-state CNN training: loss is " + lv + " at step " + step);
                }
                l.backward();
                GradClip.clipByNorm(cnn.parameters(), 5.0);
                opt.step();
            }
            if (step >= steps - 50) {
                tail += lv / Math.min(50, steps);
            }
            if ((step + 1) % 100 == 0) {
                log.printf(Locale.ROOT, "eye-state CNN: step %d/%d loss %.4f%n", step + 1, steps, lv);
            }
        }
        cnn.eval();
        return tail;
    }

    /** The eyes of the sources in one labelled state, in source order, left eye first. */
    static List<Eye> eyes(List<EyeSource> sources, EyeLabels labels, EyeLabels.State state) {
        List<Eye> out = new ArrayList<>();
        for (EyeSource s : sources) {
            for (boolean left : new boolean[] {true, false}) {
                if (labels.state(s, left) == state) {
                    out.add(new Eye(s, left));
                }
            }
        }
        return out;
    }

    /** One eye of a source, closed by c, augmented (strength scales the geometric jitter). */
    float[] render(EyeSource s, boolean left, float c, float strength, Rng rng) {
        float[] crop = left ? s.eyes().leftCrop() : s.eyes().rightCrop();
        float ear = left ? s.eyes().leftEar() : s.eyes().rightEar();
        return augmenter.augment(closer.close(crop, c, ear, rng), strength, rng);
    }

    /**
     * Accuracy of open (closure 0) against closed (closure 1) on fresh renders of the sources,
     * at a 0.5 threshold: n renders of each state, from the open eyes of the sources.
     */
    public double openClosedAccuracy(EyeStateCnn cnn, List<EyeSource> sources, EyeLabels labels, int n, Rng rng) {
        cnn.eval();
        List<Eye> open = eyes(sources, labels, EyeLabels.State.OPEN);
        int right = 0;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            for (int i = 0; i < n; i++) {
                Eye e = open.get(rng.nextInt(open.size()));
                float[] logits = cnn.forward(GreyCrops.batch(render(e.source(), e.left(), 0f, 1f, rng),
                        render(e.source(), e.left(), 1f, 1f, rng))).data();
                right += (logits[0] < 0 ? 1 : 0) + (logits[1] > 0 ? 1 : 0);
            }
        }
        return right / (2.0 * n);
    }

    /** The CNN's closure probabilities over every source x eye x level x variant. */
    public EyeStateBank bank(EyeStateCnn cnn, List<EyeSource> sources, int variants, Rng rng) {
        cnn.eval();
        int levels = EyeStateBank.LEVELS.length;
        float[] probs = new float[sources.size() * 2 * levels * variants];
        float[] ears = new float[sources.size() * 2];
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            for (int s = 0; s < sources.size(); s++) {
                EyeSource src = sources.get(s);
                ears[2 * s] = src.eyes().leftEar();
                ears[2 * s + 1] = src.eyes().rightEar();
                float[][] crops = new float[2 * levels * variants][];
                for (int eye = 0; eye < 2; eye++) {
                    for (int l = 0; l < levels; l++) {
                        for (int v = 0; v < variants; v++) {
                            crops[(eye * levels + l) * variants + v] =
                                    render(src, eye == 0, EyeStateBank.LEVELS[l], 1f, rng);
                        }
                    }
                }
                float[] logits = cnn.forward(GreyCrops.batch(crops)).data();
                for (int k = 0; k < logits.length; k++) {
                    probs[s * logits.length + k] = Activations.sigmoid(logits[k]);
                }
            }
        }
        return new EyeStateBank(probs, ears, sources.size(), variants);
    }
}
