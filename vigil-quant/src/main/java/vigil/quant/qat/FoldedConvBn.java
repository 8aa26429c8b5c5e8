package vigil.quant.qat;

import java.util.function.BinaryOperator;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.nn.BatchNorm;
import vigil.tensor.nn.BatchNorm1d;
import vigil.tensor.nn.BatchNorm2d;
import vigil.tensor.nn.Conv2d;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.Module;
import vigil.tensor.ops.Conv2dOp;
import vigil.tensor.ops.MatMul;

/**
 * A bias-free convolution (or linear layer) with its batch norm folded in for quantization-aware
 * training, as Jacob et al. 2018 (section 3.2, figure C.8) and TF's fold_batch_norms with the
 * batch-to-running correction. With sigma_R = sqrt(running_var + eps), and per output channel o:
 * <pre>
 *   w_fold = FQ(w * gamma / sigma_R)                         (FQ: {@link WeightFakeQuant}, once quantizing)
 *   training, statistics live:  y_f = op(x, w) (float), mu_B, var_B = its batch mean and biased variance,
 *       sigma_B = sqrt(var_B + eps);
 *       y = op(x, w_fold) * (sigma_R / sigma_B) + (beta - gamma * mu_B / sigma_B)
 *       then the running statistics update as PyTorch's (momentum, unbiased variance)
 *   evaluation, or training after the schedule froze batch norm:
 *       y = op(x, w_fold) + (beta - gamma * running_mean / sigma_R)
 * </pre>
 * Without FQ the training form is exactly batch norm's training output gamma * (y_f - mu_B) / sigma_B + beta,
 * and the frozen form is batch norm's evaluation output; with FQ the convolution always sees the weights
 * the integer model will have. sigma_R is read before this step's update and takes no gradient; gradients
 * reach w, gamma and beta, and x (through op and, in live training, through mu_B and sigma_B).
 *
 * <p>The layer shares the given modules' tensors: training it trains them, so the float model holds the
 * QAT result. x: conv [N, C, H, W] -> [N, O, Ho, Wo]; linear [N, in] -> [N, O].
 */
public final class FoldedConvBn extends Module implements Layer {
    private final String name;
    private final Tensor weight;
    private final BatchNorm bn;
    private final QatSchedule schedule;
    private final BinaryOperator<Tensor> op;

    private FoldedConvBn(String name, Tensor weight, BatchNorm bn, QatSchedule schedule, BinaryOperator<Tensor> op) {
        if (bn.weight() == null) {
            throw new IllegalArgumentException(name + ": folding needs an affine batch norm");
        }
        if (bn.weight().numel() != weight.dim(0)) {
            throw new ShapeException(name + ": batch norm of " + bn.weight().numel() + " channels after a layer of "
                    + weight.dim(0) + " outputs " + Shape.str(weight.shape()));
        }
        this.name = name;
        this.weight = weight;
        this.bn = registerModule("bn", bn);
        this.schedule = schedule;
        this.op = op;
    }

    /** conv must have no bias (MiniFASNet's have none; a bias would only shift mu_B). */
    public static FoldedConvBn conv(String name, Conv2d conv, BatchNorm2d bn, QatSchedule schedule) {
        if (conv.bias() != null) {
            throw new IllegalArgumentException(name + ": folding supports bias-free convolutions only");
        }
        FoldedConvBn f = new FoldedConvBn(name, conv.weight(), bn, schedule, (x, w) -> Conv2dOp.conv2d(x, w, null,
                conv.stride(), conv.padding(), conv.dilation(), conv.groups()));
        f.registerModule("conv", conv);
        return f;
    }

    /** linear must have no bias. */
    public static FoldedConvBn linear(String name, Linear linear, BatchNorm1d bn, QatSchedule schedule) {
        if (linear.bias() != null) {
            throw new IllegalArgumentException(name + ": folding supports bias-free linear layers only");
        }
        FoldedConvBn f = new FoldedConvBn(name, linear.weight(), bn, schedule, (x, w) -> MatMul.linear(x, w, null));
        f.registerModule("linear", linear);
        return f;
    }

    @Override
    public Tensor forward(Tensor x) {
        int channels = weight.dim(0);
        double eps = bn.eps();
        float[] runVar = bn.runningVar().data();
        float[] sigmaR = new float[channels];
        float[] invSigmaR = new float[channels];
        for (int o = 0; o < channels; o++) {
            sigmaR[o] = (float) Math.sqrt(runVar[o] + eps);
            invSigmaR[o] = 1f / sigmaR[o];
        }
        Tensor gamma = bn.weight();
        Tensor beta = bn.bias();
        Tensor wFold = weight.mul(gamma.mul(Tensor.of(invSigmaR, channels)).reshape(weightView(channels)));
        if (schedule.quantizing()) {
            wFold = WeightFakeQuant.perChannelSymmetric(wFold);
        }
        Tensor folded = op.apply(x, wFold);
        int rank = folded.rank();
        if (!isTraining() || schedule.batchNormFrozen()) {
            Tensor mean = Tensor.of(bn.runningMean().data().clone(), channels);
            Tensor bias = beta.sub(gamma.mul(mean).mul(Tensor.of(invSigmaR, channels)));
            return folded.add(bias.reshape(channelView(channels, rank)));
        }
        Tensor yFloat = op.apply(x, weight);
        Tensor mu = channelMean(yFloat);
        Tensor centred = yFloat.sub(mu);
        Tensor var = channelMean(centred.mul(centred));
        Tensor sigmaB = var.add((float) eps).sqrt();
        Tensor correction = Tensor.of(sigmaR, channelView(channels, rank)).div(sigmaB);
        Tensor g = gamma.reshape(channelView(channels, rank));
        Tensor bias = beta.reshape(channelView(channels, rank)).sub(g.mul(mu).div(sigmaB));
        updateRunningStats(mu.data(), var.data(), yFloat.numel() / channels);
        return folded.mul(correction).add(bias);
    }

    /** y: [N, O, ...] -> [1, O, 1, ...]: the mean over every axis but 1. */
    private static Tensor channelMean(Tensor y) {
        Tensor m = y.mean(0, true);
        for (int d = 2; d < y.rank(); d++) {
            m = m.mean(d, true);
        }
        return m;
    }

    private void updateRunningStats(float[] mu, float[] biasedVar, int count) {
        if (count < 2) {
            throw new ShapeException(name + ": batch statistics need more than 1 value per channel, got " + count);
        }
        double m = bn.momentum();
        float[] rm = bn.runningMean().data();
        float[] rv = bn.runningVar().data();
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            for (int o = 0; o < rm.length; o++) {
                rm[o] = (float) ((1 - m) * rm[o] + m * mu[o]);
                rv[o] = (float) ((1 - m) * rv[o] + m * biasedVar[o] * count / (count - 1.0));
            }
        }
        Tensor tracked = bn.stateDict().get("num_batches_tracked");
        if (tracked != null) {
            tracked.longs()[0]++;
        }
    }

    private int[] weightView(int channels) {
        int[] v = new int[weight.rank()];
        java.util.Arrays.fill(v, 1);
        v[0] = channels;
        return v;
    }

    private static int[] channelView(int channels, int rank) {
        int[] v = new int[rank];
        java.util.Arrays.fill(v, 1);
        v[1] = channels;
        return v;
    }

    public String name() {
        return name;
    }

    /** The weights the integer model gets (before FQ): w * gamma / sqrt(running_var + eps), [O, ...]. */
    public Tensor foldedWeight() {
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            float[] rv = bn.runningVar().data();
            float[] s = new float[rv.length];
            for (int o = 0; o < s.length; o++) {
                s[o] = (float) (bn.weight().data()[o] / Math.sqrt(rv[o] + bn.eps()));
            }
            return weight.mul(Tensor.of(s, s.length).reshape(weightView(s.length)));
        }
    }
}
