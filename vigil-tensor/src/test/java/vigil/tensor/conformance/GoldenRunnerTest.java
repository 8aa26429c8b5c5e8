package vigil.tensor.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.Tensor;
import vigil.tensor.io.SafeTensors;

/** The runner fails loudly: unknown ops, wrong numbers, missing outputs, wrong gradients. */
class GoldenRunnerTest {
    @TempDir
    Path tmp;

    private Path reluCase(String name, String op, float[] y, float[] grad) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("input.x", Tensor.of(new float[] {-1f, 2f}, 2));
        t.put("output.y", Tensor.of(y, 2));
        t.put("seed.y", Tensor.of(new float[] {1f, 1f}, 2));
        t.put("grad.x", Tensor.of(grad, 2));
        Path f = tmp.resolve(name + ".safetensors");
        SafeTensors.write(f, t, Map.of("op", op, "attrs", "{}", "atol", "1e-6", "rtol", "0"));
        return f;
    }

    @Test
    void correctCasePasses() throws IOException {
        CaseResult r = GoldenRunner.standard().runFile(reluCase("ok", "relu", new float[] {0f, 2f}, new float[] {0f, 1f}));
        assertTrue(r.passed(), r.failures().toString());
    }

    @Test
    void unknownOpFailsNamingTheOpAndFile() throws IOException {
        Path f = reluCase("mystery", "frobnicate", new float[] {0f, 2f}, new float[] {0f, 1f});
        CaseResult r = GoldenRunner.standard().runFile(f);
        assertFalse(r.passed());
        assertTrue(r.failures().get(0).contains("frobnicate") && r.failures().get(0).contains(f.toString()),
                r.failures().toString());
    }

    @Test
    void wrongForwardValueFails() throws IOException {
        CaseResult r = GoldenRunner.standard().runFile(reluCase("fwd", "relu", new float[] {0f, 2.001f},
                new float[] {0f, 1f}));
        assertFalse(r.passed());
        assertTrue(r.failures().get(0).startsWith("output.y"), r.failures().toString());
    }

    @Test
    void wrongGradientFails() throws IOException {
        CaseResult r = GoldenRunner.standard().runFile(reluCase("bwd", "relu", new float[] {0f, 2f},
                new float[] {0.5f, 1f}));
        assertFalse(r.passed());
        assertTrue(r.failures().get(0).startsWith("grad.x"), r.failures().toString());
    }

    @Test
    void unreadableFileIsAFailedCaseNotACrash() throws IOException {
        Path f = tmp.resolve("broken.safetensors");
        java.nio.file.Files.write(f, new byte[] {1, 2, 3});
        List<CaseResult> all = GoldenRunner.standard().runDirectories(List.of(tmp));
        assertEquals(1, all.size());
        assertFalse(all.get(0).passed());
        assertTrue(all.get(0).failures().get(0).contains("broken.safetensors"), all.get(0).failures().toString());
    }
}
