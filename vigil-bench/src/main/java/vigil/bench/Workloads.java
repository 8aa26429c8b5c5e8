package vigil.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vigil.liveness.passive.MiniFasNet;
import vigil.liveness.passive.MiniFasNetVariant;
import vigil.tensor.Tensor;
import vigil.tensor.TensorScope;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;
import vigil.tensor.loss.CrossEntropy;
import vigil.tensor.nn.GRU;
import vigil.tensor.nn.Linear;
import vigil.tensor.ops.Gemm;
import vigil.tensor.ops.Views;
import vigil.tensor.optim.Adam;
import vigil.tensor.optim.Optimizer;
import vigil.tensor.optim.Sgd;

/**
 * The workloads of issue 3, built the same way as tools/bench/torch_workloads.py builds them for PyTorch:
 * SGEMM 1024^3; MiniFASNetV2 at 80x80x3 (inference at batch 1 and 64; a training step at batch 64 with
 * cross-entropy and SGD with momentum); a GRU 64 -> 128 over 30 steps at batch 64 with a linear head on the
 * last step and Adam (training step), and the same GRU at batch 1 (inference). Issue 6 adds the default
 * augmentation policy on 80x80 faces, single-threaded ({@link AugmentWorkload}).
 */
public final class Workloads {
    static final int GEMM_SIZE = 1024;
    static final int IMAGE = 80;
    static final int CLASSES = 3;
    static final int BATCH = 64;
    static final int GRU_INPUT = 64;
    static final int GRU_HIDDEN = 128;
    static final int GRU_STEPS = 30;

    private Workloads() {
    }

    /** Every workload by its key, in the order `vigil bench` reports them; each is built when asked for. */
    public static Map<String, Supplier<Workload>> all() {
        Map<String, Supplier<Workload>> all = new LinkedHashMap<>();
        all.put("sgemm_1024_gflops", Workloads::sgemm);
        all.put("minifasnet_v2_infer_b1_ms", () -> miniFasNetInference(1));
        all.put("minifasnet_v2_infer_b64_ms", () -> miniFasNetInference(BATCH));
        all.put("minifasnet_v2_train_step_b64_ms", Workloads::miniFasNetTrainStep);
        all.put("gru_train_step_ms", Workloads::gruTrainStep);
        all.put("gru_infer_b1_seq30_ms", Workloads::gruInference);
        all.put(AugmentWorkload.KEY, AugmentWorkload::create);
        return all;
    }

    static float[] uniform(Rng rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.uniform(-1f, 1f);
        }
        return v;
    }

    static Workload sgemm() {
        int s = GEMM_SIZE;
        Rng rng = new Rng(1);
        float[] a = uniform(rng, s * s);
        float[] b = uniform(rng, s * s);
        float[] c = new float[s * s];
        double flops = 2.0 * s * s * s;
        return new Workload("sgemm_1024_gflops",
                () -> Gemm.sgemm(false, false, s, s, s, a, 0, s, b, 0, s, 0f, c, 0, s),
                ms -> flops / (ms * 1e6));
    }

    static Workload miniFasNetInference(int batch) {
        MiniFasNet model = MiniFasNet.create(MiniFasNetVariant.V2, IMAGE, IMAGE, CLASSES, new Rng(2));
        model.eval();
        Tensor x = Tensor.of(uniform(new Rng(3), batch * 3 * IMAGE * IMAGE), batch, 3, IMAGE, IMAGE);
        return Workload.millis("minifasnet_v2_infer_b" + batch + "_ms", () -> {
            try (Autograd.NoGrad off = Autograd.noGrad()) {
                model.forward(x);
            }
        });
    }

    static Workload miniFasNetTrainStep() {
        MiniFasNet model = MiniFasNet.create(MiniFasNetVariant.V2, IMAGE, IMAGE, CLASSES, new Rng(4));
        model.train(true);
        Optimizer sgd = new Sgd(model.parameters(), 0.01, 0.9, 0, 0, false);
        Tensor x = Tensor.of(uniform(new Rng(5), BATCH * 3 * IMAGE * IMAGE), BATCH, 3, IMAGE, IMAGE);
        Tensor target = labels(BATCH, CLASSES, new Rng(6));
        CrossEntropy loss = CrossEntropy.mean();
        // the step scope of the training loops (Trainer): activations are recycled into the next step
        return Workload.millis("minifasnet_v2_train_step_b64_ms", () -> {
            try (TensorScope step = TensorScope.open()) {
                sgd.zeroGrad();
                loss.apply(model.forward(x), target).backward();
                sgd.step();
            }
        });
    }

    static Workload gruTrainStep() {
        Rng rng = new Rng(7);
        GRU gru = new GRU(GRU_INPUT, GRU_HIDDEN, rng);
        Linear head = new Linear(GRU_HIDDEN, 2, rng);
        List<Tensor> params = new java.util.ArrayList<>(gru.parameters());
        params.addAll(head.parameters());
        Optimizer adam = new Adam(params, 1e-3);
        Tensor x = Tensor.of(uniform(rng, GRU_STEPS * BATCH * GRU_INPUT), GRU_STEPS, BATCH, GRU_INPUT);
        Tensor target = labels(BATCH, 2, rng);
        CrossEntropy loss = CrossEntropy.mean();
        return Workload.millis("gru_train_step_ms", () -> {
            adam.zeroGrad();
            Tensor last = Views.reshape(gru.forward(x).hN(), BATCH, GRU_HIDDEN);
            loss.apply(head.forward(last), target).backward();
            adam.step();
        });
    }

    static Workload gruInference() {
        Rng rng = new Rng(8);
        GRU gru = new GRU(GRU_INPUT, GRU_HIDDEN, rng);
        Tensor x = Tensor.of(uniform(rng, GRU_STEPS * GRU_INPUT), GRU_STEPS, 1, GRU_INPUT);
        return Workload.millis("gru_infer_b1_seq30_ms", () -> {
            try (Autograd.NoGrad off = Autograd.noGrad()) {
                gru.forward(x);
            }
        });
    }

    private static Tensor labels(int n, int classes, Rng rng) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(classes);
        }
        return Tensor.ofLongs(t, n);
    }
}
