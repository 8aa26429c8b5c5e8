package vigil.quant.qat;

/**
 * The training-step clock shared by every fake-quant point of one model: fake quantization switches
 * on after quantDelay steps (ranges are collected from the first step), batch norm statistics freeze
 * after freezeBatchNormAt steps (TF's quant_delay and freeze_bn_delay). The training loop calls
 * {@link #advance()} once per optimizer step.
 */
public final class QatSchedule {
    private final long quantDelay;
    private final long freezeBatchNormAt;
    private long step;

    /** freezeBatchNormAt: Long.MAX_VALUE never freezes; 0 freezes from the start. */
    public QatSchedule(long quantDelay, long freezeBatchNormAt) {
        if (quantDelay < 0 || freezeBatchNormAt < 0) {
            throw new IllegalArgumentException("QatSchedule: quant delay " + quantDelay + " and batch norm freeze step "
                    + freezeBatchNormAt + " must not be negative");
        }
        this.quantDelay = quantDelay;
        this.freezeBatchNormAt = freezeBatchNormAt;
    }

    /** Fake quantization from the first step, batch norm statistics never frozen. */
    public static QatSchedule immediate() {
        return new QatSchedule(0, Long.MAX_VALUE);
    }

    public long step() {
        return step;
    }

    public void advance() {
        step++;
    }

    /** Whether the fake-quant ops quantize (in training and in evaluation alike). */
    public boolean quantizing() {
        return step >= quantDelay;
    }

    /** Whether folded batch norms use (and stop updating) their running statistics in training. */
    public boolean batchNormFrozen() {
        return step >= freezeBatchNormAt;
    }

    public long quantDelay() {
        return quantDelay;
    }

    public long freezeBatchNormAt() {
        return freezeBatchNormAt;
    }
}
