package vigil.liveness.qat;

/**
 * A QAT fine-tuning run: steps SGD steps (momentum 0.9) at learningRate on cross-entropy; fake quantization
 * from step quantDelay (ranges are collected from step 0); batch norm statistics frozen from step
 * freezeBatchNormAt (0: the pretrained statistics throughout, the sensible choice for a short run on
 * small batches, whose batch statistics are noisy estimates).
 */
public record QatConfig(int steps, long quantDelay, long freezeBatchNormAt, double learningRate) {
    public QatConfig {
        if (steps < 0 || quantDelay < 0 || freezeBatchNormAt < 0 || !(learningRate >= 0)) {
            throw new IllegalArgumentException("QatConfig: steps " + steps + ", quant delay " + quantDelay
                    + ", batch norm freeze " + freezeBatchNormAt + ", learning rate " + learningRate
                    + " must all be >= 0");
        }
    }

    /** A short fine-tune of a pretrained model: quantize after 2 range-collecting steps, BN frozen, lr 1e-5. */
    public static QatConfig shortFineTune(int steps) {
        return new QatConfig(steps, 2, 0, 1e-5);
    }
}
