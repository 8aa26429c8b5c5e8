package vigil.liveness.blink;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.Locale;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;
import vigil.tensor.loss.BinaryCrossEntropyWithLogits;
import vigil.tensor.ops.Activations;
import vigil.tensor.optim.Adam;
import vigil.tensor.optim.CosineLr;
import vigil.tensor.optim.GradClip;

/**
 * Trains the eye-state CNN on real open eyes and their synthetic closures: each sample is one eye
 * of a random face of a random file, lowered by a random closure (45% left open, 10% fully closed, 45% anywhere
 * between), jittered by {@link EyeCropAugmenter}; the target is the closure itself (a soft
 * binary cross-entropy target, so a half-closed eye reads as 0.5). Then tabulates the trained
 * CNN over every source, eye, closure level and variant ({@link EyeStateBank}).
 */
public final class EyeStateTraining {
    private final ClosedEyeSynthesizer closer =
            new ClosedEyeSynthesizer(EyeStateCnn.CROP, LandmarkEyeObserver.CORNER_MARGIN);
    private final EyeCropAugmenter augmenter = new EyeCropAugmenter(EyeStateCnn.CROP);

    /** Trains cnn in place; returns the mean loss of the last 50 steps. */
    public double train(EyeStateCnn cnn, List<EyeSource> sources, int steps, int batch, Rng rng, PrintStream log) {
        // Draw a file first, then a face in it: the clip's many frames of one face must not drown the photos.
        List<List<EyeSource>> byFile = new ArrayList<>(
                sources.stream().collect(Collectors.groupingBy(EyeSource::fileName, TreeMap::new, Collectors.toList()))
                        .values());
        cnn.train(true);
        Adam opt = new Adam(cnn.parameters(), 3e-3);
        CosineLr schedule = new CosineLr(3e-3, 1e-4, steps);
        BinaryCrossEntropyWithLogits loss = BinaryCrossEntropyWithLogits.mean();
        double tail = 0;
        for (int step = 0; step < steps; step++) {
            float[][] crops = new float[batch][];
            float[] target = new float[batch];
            for (int i = 0; i < batch; i++) {
                float u = rng.nextFloat();
                float c = u < 0.45f ? 0f : u < 0.55f ? 1f : rng.nextFloat();
                List<EyeSource> file = byFile.get(rng.nextInt(byFile.size()));
                crops[i] = render(file.get(rng.nextInt(file.size())), rng.nextFloat() < 0.5f, c, 1f, rng);
                target[i] = c;
            }
            opt.setLearningRate(schedule.lrAt(step));
            opt.zeroGrad();
            Tensor l = loss.apply(cnn.forward(GreyCrops.batch(crops)), Tensor.of(target, batch, 1));
            float lv = l.item();
            if (!Float.isFinite(lv)) {
                throw new IllegalStateException("eye-state CNN training: loss is " + lv + " at step " + step);
            }
            l.backward();
            GradClip.clipByNorm(cnn.parameters(), 5.0);
            opt.step();
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

    /** One eye of a source, closed by c, augmented (strength scales the geometric jitter). */
    float[] render(EyeSource s, boolean left, float c, float strength, Rng rng) {
        float[] crop = left ? s.eyes().leftCrop() : s.eyes().rightCrop();
        float ear = left ? s.eyes().leftEar() : s.eyes().rightEar();
        return augmenter.augment(closer.close(crop, c, ear, rng), strength, rng);
    }

    /**
     * Accuracy of open (closure 0) against closed (closure 1) on fresh renders of the sources,
     * at a 0.5 threshold: n renders of each state.
     */
    public double openClosedAccuracy(EyeStateCnn cnn, List<EyeSource> sources, int n, Rng rng) {
        cnn.eval();
        int right = 0;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            for (int i = 0; i < n; i++) {
                EyeSource s = sources.get(rng.nextInt(sources.size()));
                boolean left = rng.nextFloat() < 0.5f;
                float[] logits = cnn.forward(GreyCrops.batch(render(s, left, 0f, 1f, rng), render(s, left, 1f, 1f, rng)))
                        .data();
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
