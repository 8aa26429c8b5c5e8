package vigil.quant.qat;

import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Module;
import vigil.tensor.ops.Elementwise;
import vigil.tensor.ops.FakeQuantMinMax;

/**
 * An activation fake-quant point, placed after the activation, as TF's MovingAvgQuantize: in training
 * every batch's range, widened to include 0 ([min(batch_min, 0), max(batch_max, 0)]), enters an
 * exponential moving average (the first batch initialises it: range = batch range; afterwards
 * range = decay * range + (1 - decay) * batch range, decay 0.999). Once the schedule says so the
 * output is fake-quantized to 8 bits on the nudged range ({@link FakeQuantMinMax}, codes 0..255);
 * before that the input passes unchanged, but ranges are still collected. Evaluation freezes the range.
 * The range takes no gradient (TF keeps it in non-trainable variables). A fixed point (the model input)
 * quantizes on a given range and observes nothing. x: any shape -> y: x's shape.
 */
public final class ActivationFakeQuant extends Module implements Layer {
    /** TF's default EMA decay for activation ranges. */
    public static final float DEFAULT_DECAY = 0.999f;
    public static final int NUM_BITS = 8;

    private final String point;
    private final QatSchedule schedule;
    private final float decay;
    private final boolean fixed;
    private final boolean relu6;
    private final Tensor range; // [2]: min, max
    private boolean observed;

    private ActivationFakeQuant(String point, QatSchedule schedule, float decay, boolean fixed, float min, float max) {
        this(point, schedule, decay, fixed, min, max, false);
    }

    private ActivationFakeQuant(String point, QatSchedule schedule, float decay, boolean fixed, float min, float max,
                                boolean relu6) {
        if (!(decay >= 0f && decay < 1f)) {
            throw new IllegalArgumentException(point + ": EMA decay must be in [0, 1), got " + decay);
        }
        this.point = point;
        this.schedule = schedule;
        this.decay = decay;
        this.fixed = fixed;
        this.relu6 = relu6;
        this.range = registerBuffer("range", Tensor.of(new float[] {min, max}, 2));
        this.observed = fixed;
        if (fixed) {
            FakeQuantMinMax.nudge(min, max, NUM_BITS, false); // rejects a bad fixed range now, naming nothing later
        }
    }

    /** A point whose range is the EMA of its training batches (decay 0.999). */
    public static ActivationFakeQuant observed(String point, QatSchedule schedule) {
        return new ActivationFakeQuant(point, schedule, DEFAULT_DECAY, false, 0f, 0f);
    }

    public static ActivationFakeQuant observed(String point, QatSchedule schedule, float decay) {
        return new ActivationFakeQuant(point, schedule, decay, false, 0f, 0f);
    }

    /** A point with a range known in advance (the 0..255 input, a sigmoid's [0, 255/256]). */
    public static ActivationFakeQuant fixed(String point, QatSchedule schedule, float min, float max) {
        return new ActivationFakeQuant(point, schedule, DEFAULT_DECAY, true, min, max);
    }

    /**
     * ReLU6 as a clamp on the fixed range [0, 6] (TF's treatment): the output is clamp(x, 0, 6), on the
     * 8-bit grid of [0, 6] once quantizing; the gradient passes only inside [0, 6]. x: any shape.
     */
    public static ActivationFakeQuant relu6(String point, QatSchedule schedule) {
        return new ActivationFakeQuant(point, schedule, DEFAULT_DECAY, true, 0f, 6f, true);
    }

    /** In training: observe x's range, then fake-quantize x (once the schedule says so). */
    @Override
    public Tensor forward(Tensor x) {
        Tensor in = relu6 ? Elementwise.clamp(x, 0f, 6f) : x;
        observe(in);
        return fakeQuantize(in);
    }

    /**
     * The statistics half alone: in training (and for an observed point) x's range enters the EMA. For a
     * point whose training-time values differ from evaluation's (logits after dropout), observe the
     * evaluation-like values and fake-quantize the training ones.
     */
    public void observe(Tensor x) {
        if (isTraining() && !fixed) {
            observe(x.data());
        }
    }

    /** The quantization half alone: x on the current range's 8-bit grid once the schedule says so, else x. */
    public Tensor fakeQuantize(Tensor x) {
        if (!schedule.quantizing()) {
            return x;
        }
        if (!observed) {
            throw new IllegalStateException("activation point " + point + ": fake quantization is on at step "
                    + schedule.step() + " but no range was observed (run a training batch first)");
        }
        float[] r = range.data();
        return FakeQuantMinMax.perTensor(x, r[0], r[1], NUM_BITS, false);
    }

    private void observe(float[] v) {
        float lo = 0f;
        float hi = 0f;
        for (float f : v) {
            if (Float.isNaN(f)) {
                throw new IllegalArgumentException("activation point " + point + " at step " + schedule.step()
                        + ": NaN in the activations");
            }
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        float[] r = range.data();
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            if (!observed) {
                r[0] = lo;
                r[1] = hi;
                observed = true;
            } else {
                r[0] = decay * r[0] + (1f - decay) * lo;
                r[1] = decay * r[1] + (1f - decay) * hi;
            }
        }
    }

    public String point() {
        return point;
    }

    /** Whether a range exists (a fixed point, or at least one training batch seen). */
    public boolean hasRange() {
        return observed;
    }

    public float min() {
        return range.data()[0];
    }

    public float max() {
        return range.data()[1];
    }

    public boolean isFixed() {
        return fixed;
    }
}
