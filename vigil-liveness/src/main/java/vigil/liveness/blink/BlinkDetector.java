package vigil.liveness.blink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import vigil.data.image.BgrImage;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.ops.Activations;
import vigil.tensor.ops.RecurrentOutput;

/**
 * Streaming blink detection: a frame goes in with its timestamp, at most one finished blink comes
 * out. Per frame: eyes from the {@link EyeObserver}, both crops through the eye-state CNN,
 * {@link BlinkFeatures} (causal normalisation), one GRU step carrying its hidden state, and the
 * {@link BlinkEventExtractor}. A frame without a face reads as open eyes and leaves the GRU state
 * and the baselines untouched. Not thread-safe: one detector per stream.
 */
public final class BlinkDetector {
    private final EyeObserver observer;
    private final BlinkModels models;
    private final BlinkEventExtractor extractor;
    private final BlinkFeatures features = new BlinkFeatures();
    private final List<BlinkFrame> frames = new ArrayList<>();
    private final List<BlinkEvent> events = new ArrayList<>();
    private Tensor hidden;
    private boolean finished;

    public BlinkDetector(EyeObserver observer, BlinkModels models, BlinkEventExtractor.Thresholds thresholds) {
        this.observer = observer;
        observer.reset();
        this.models = models.inEvalMode();
        this.extractor = new BlinkEventExtractor(thresholds);
    }

    public BlinkDetector(EyeObserver observer, BlinkModels models) {
        this(observer, models, BlinkEventExtractor.Thresholds.DEFAULT);
    }

    /** Reads the next frame (timestamps strictly increasing); returns a blink that ended before this frame. */
    public Optional<BlinkEvent> accept(BgrImage frame, double timestampSeconds) {
        return accept(observer.observe(frame), timestampSeconds);
    }

    /** As {@link #accept(BgrImage, double)} for eyes already observed (empty: no face in this frame). */
    public Optional<BlinkEvent> accept(Optional<EyeObservation> eyes, double timestampSeconds) {
        if (finished) {
            throw new IllegalStateException("blink detector: accept() after finish()");
        }
        int index = frames.size();
        BlinkFrame f = eyes.isPresent() ? step(index, timestampSeconds, eyes.get())
                : new BlinkFrame(index, timestampSeconds, false, 0f, Float.NaN, Float.NaN, Float.NaN, Float.NaN);
        frames.add(f);
        Optional<BlinkEvent> e = extractor.accept(index, timestampSeconds, f.closure());
        e.ifPresent(events::add);
        return e;
    }

    /** Ends the stream; returns a blink still in progress at the last frame, if it qualifies. */
    public Optional<BlinkEvent> finish() {
        finished = true;
        Optional<BlinkEvent> e = extractor.finish();
        e.ifPresent(events::add);
        return e;
    }

    public List<BlinkFrame> frames() {
        return Collections.unmodifiableList(frames);
    }

    public List<BlinkEvent> events() {
        return Collections.unmodifiableList(events);
    }

    private BlinkFrame step(int index, double seconds, EyeObservation eyes) {
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            float[] logits = models.eyeState().forward(GreyCrops.batch(eyes.leftCrop(), eyes.rightCrop())).data();
            float pL = Activations.sigmoid(logits[0]);
            float pR = Activations.sigmoid(logits[1]);
            float[] x = new float[BlinkFeatures.SIZE];
            features.next(pL, pR, eyes.leftEar(), eyes.rightEar(), x, 0);
            RecurrentOutput o = models.blink().step(Tensor.of(x, 1, 1, BlinkFeatures.SIZE), hidden);
            hidden = o.hN();
            float closure = Activations.sigmoid(o.y().item());
            return new BlinkFrame(index, seconds, true, closure, pL, pR, eyes.leftEar(), eyes.rightEar());
        }
    }
}
