package vigil.tensor.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import vigil.tensor.DType;
import vigil.tensor.Shape;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Elementwise;
import vigil.tensor.ops.Reductions;

/**
 * Executes golden cases: forward, compare every output; backward from
 * loss = sum over seeded outputs of sum(output * seed), compare every gradient. An unknown op or a
 * missing output is a failure, never a skip.
 */
public final class GoldenRunner {
    private final Map<String, GoldenOp> ops;

    public GoldenRunner(Map<String, GoldenOp> ops) {
        this.ops = Map.copyOf(ops);
    }

    /** A runner over every op the engine registers. */
    public static GoldenRunner standard() {
        return new GoldenRunner(GoldenOps.all());
    }

    /** All *.safetensors files of the directories (sorted by name), each run as a case. */
    public List<CaseResult> runDirectories(List<Path> dirs) throws IOException {
        List<CaseResult> results = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IOException("not a directory of golden cases: " + dir);
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
            }
            for (Path f : files) {
                results.add(runFile(f));
            }
        }
        return results;
    }

    /** Loads and runs one case; a case that cannot be loaded is a failed case naming the file. */
    public CaseResult runFile(Path file) {
        GoldenCase c;
        try {
            c = GoldenCase.load(file);
        } catch (IOException | RuntimeException e) {
            return new CaseResult(file.getFileName().toString(), "?", List.of("cannot load: " + e.getMessage()));
        }
        return run(c);
    }

    public CaseResult run(GoldenCase c) {
        List<String> failures = new ArrayList<>();
        GoldenOp op = ops.get(c.op());
        if (op == null) {
            failures.add("unknown op '" + c.op() + "' in " + c.file());
            return new CaseResult(c.name(), c.op(), failures);
        }
        Map<String, Tensor> inputs = new HashMap<>();
        for (Map.Entry<String, Tensor> e : c.inputs().entrySet()) {
            Tensor t = e.getValue().copy();
            if (t.dtype() == DType.FLOAT32 && c.grads().containsKey(e.getKey())) {
                t.requiresGrad(true);
            }
            inputs.put(e.getKey(), t);
        }
        Map<String, Tensor> outputs;
        try {
            outputs = op.run(inputs, c.attrs());
        } catch (RuntimeException e) {
            failures.add("forward threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return new CaseResult(c.name(), c.op(), failures);
        }
        for (Map.Entry<String, Tensor> e : c.outputs().entrySet()) {
            Tensor actual = outputs.get(e.getKey());
            if (actual == null) {
                failures.add("op produced no output '" + e.getKey() + "' (have " + outputs.keySet() + ")");
            } else {
                compare("output." + e.getKey(), actual, e.getValue(), c, failures);
            }
        }
        if (!c.seeds().isEmpty() && failures.isEmpty()) {
            backward(c, inputs, outputs, failures);
        }
        return new CaseResult(c.name(), c.op(), failures);
    }

    private static void backward(GoldenCase c, Map<String, Tensor> inputs, Map<String, Tensor> outputs,
                                 List<String> failures) {
        Tensor loss = null;
        for (Map.Entry<String, Tensor> e : c.seeds().entrySet()) {
            Tensor out = outputs.get(e.getKey());
            if (out == null) {
                failures.add("seed." + e.getKey() + " has no matching output");
                return;
            }
            Tensor term = Reductions.sum(Elementwise.mul(out, e.getValue()));
            loss = loss == null ? term : Elementwise.add(loss, term);
        }
        if (loss == null || !loss.requiresGrad()) {
            if (!c.grads().isEmpty()) {
                failures.add("outputs do not depend on any input that takes a gradient");
            }
            return;
        }
        try {
            loss.backward();
        } catch (RuntimeException e) {
            failures.add("backward threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return;
        }
        for (Map.Entry<String, Tensor> e : c.grads().entrySet()) {
            Tensor in = inputs.get(e.getKey());
            Tensor g = in == null ? null : in.grad();
            if (g == null) {
                // An input the outputs do not depend on has a zero gradient in PyTorch's convention.
                g = Tensor.zeros(e.getValue().shape());
                if (in == null) {
                    failures.add("grad." + e.getKey() + " refers to no input");
                    continue;
                }
            }
            compare("grad." + e.getKey(), g, e.getValue(), c, failures);
        }
    }

    private static void compare(String what, Tensor actual, Tensor expected, GoldenCase c, List<String> failures) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            failures.add(what + ": shape " + Shape.str(actual.shape()) + ", expected " + Shape.str(expected.shape()));
            return;
        }
        float[] a = actual.data();
        float[] b = expected.dtype() == DType.FLOAT32 ? expected.data() : toFloat(expected);
        int bad = 0;
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs((double) a[i] - b[i]);
            double allowed = c.atol() + c.rtol() * Math.abs(b[i]);
            if (!(diff <= allowed) && !(Float.isNaN(a[i]) && Float.isNaN(b[i]))) {
                bad++;
                double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff - allowed;
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (bad > 0) {
            failures.add(String.format("%s: %d of %d elements differ; worst at flat index %d: got %.8g, expected %.8g "
                    + "(atol %.3g, rtol %.3g)", what, bad, a.length, worst, a[worst], b[worst], c.atol(), c.rtol()));
        }
    }

    private static float[] toFloat(Tensor t) {
        long[] l = t.longs();
        float[] f = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            f[i] = l[i];
        }
        return f;
    }
}
