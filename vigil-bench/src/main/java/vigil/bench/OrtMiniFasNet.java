package vigil.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vigil.tensor.init.Rng;

/**
 * MiniFASNetV2 in ONNX Runtime: one session over the model that tools/bench/export_minifasnet_onnx.py wrote
 * (input "input" [N, 3, 80, 80], output "logits" [N, 3], N dynamic), set up as a CPU inference server would
 * be: N intra-op threads, 1 inter-op thread, all graph optimisations, sequential execution. Its intra-op
 * threads spin while they wait for work (ONNX Runtime's default) unless spinning is off.
 */
final class OrtMiniFasNet implements AutoCloseable {
    static final String INPUT = "input";
    static final int CHANNELS = 3;
    static final int IMAGE = Workloads.IMAGE;
    static final int CLASSES = Workloads.CLASSES;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final Path model;
    private final List<OnnxTensor> prepared = new ArrayList<>();

    OrtMiniFasNet(Path model, int intraOpThreads, boolean spinning) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("ort: intra-op threads " + intraOpThreads + " must be >= 1");
        }
        this.model = model;
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
            this.session = env.createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new IllegalStateException("ort: cannot open " + model + ": " + e.getMessage(), e);
        }
    }

    String version() {
        return env.getVersion();
    }

    /** Logits [batch, 3] of input [batch, 3, 80, 80], both flat. */
    float[] logits(float[] input, int batch) {
        try (OnnxTensor x = tensor(input, batch); OrtSession.Result r = session.run(Map.of(INPUT, x))) {
            float[][] out = (float[][]) r.get(0).getValue();
            float[] flat = new float[batch * CLASSES];
            for (int i = 0; i < batch; i++) {
                if (out[i].length != CLASSES) {
                    throw new IllegalStateException("ort: " + model + " gives " + out[i].length
                            + " logits per sample, not " + CLASSES);
                }
                System.arraycopy(out[i], 0, flat, i * CLASSES, CLASSES);
            }
            return flat;
        } catch (OrtException e) {
            throw new IllegalStateException("ort: inference of " + model + " at batch " + batch + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Inference at this batch on the inputs Vigil's workload uses (uniform in [-1, 1) from Rng(3)); the input
     * tensor is made once, as Vigil's and PyTorch's are, and each step runs the session and frees its result.
     */
    Workload inference(int batch) {
        OnnxTensor x = tensor(Workloads.uniform(new Rng(3), batch * CHANNELS * IMAGE * IMAGE), batch);
        prepared.add(x);
        Map<String, OnnxTensor> feed = Map.of(INPUT, x);
        return Workload.millis(OrtBenchMain.ortKey(batch), () -> {
            try (OrtSession.Result r = session.run(feed)) {
                if (r.size() != 1) {
                    throw new IllegalStateException("ort: " + model + " gives " + r.size() + " outputs, not 1");
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ort: inference of " + model + " at batch " + batch + " failed: "
                        + e.getMessage(), e);
            }
        });
    }

    private OnnxTensor tensor(float[] input, int batch) {
        if (input.length != batch * CHANNELS * IMAGE * IMAGE) {
            throw new IllegalArgumentException("ort: " + input.length + " input values for batch " + batch
                    + " of [3, " + IMAGE + ", " + IMAGE + "]");
        }
        try {
            return OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {batch, CHANNELS, IMAGE, IMAGE});
        } catch (OrtException e) {
            throw new IllegalStateException("ort: cannot make an input tensor of batch " + batch + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        prepared.forEach(OnnxTensor::close);
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("ort: cannot close the session of " + model + ": " + e.getMessage(), e);
        }
    }
}
