package vigil.tensor.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.Tensor;
import vigil.tensor.io.SafeTensors;

/**
 * Saving and restoring optimizer state resumes a run bit-exactly: the reference is the same
 * optimizer run without interruption (tolerance 0).
 */
class OptimizerStateDictTest {

    /** 3 steps, save (through a safetensors file), then 4 more on a fresh optimizer and fresh parameters. */
    private static void assertResumesBitExactly(Function<List<Tensor>, Optimizer> make, Path dir) throws Exception {
        QuadraticProblem straight = new QuadraticProblem();
        straight.run(make.apply(straight.params()), 7);

        QuadraticProblem first = new QuadraticProblem();
        Optimizer before = make.apply(first.params());
        first.run(before, 3);
        Path file = dir.resolve("optimizer.safetensors");
        SafeTensors.write(file, before.stateDict(), Map.of());

        QuadraticProblem resumed = new QuadraticProblem();
        System.arraycopy(first.a.data(), 0, resumed.a.data(), 0, 6);
        System.arraycopy(first.b.data(), 0, resumed.b.data(), 0, 20);
        Optimizer after = make.apply(resumed.params());
        after.loadStateDict(SafeTensors.read(file).tensors());
        resumed.run(after, 4);

        assertArrayEquals(straight.a.data(), resumed.a.data(), 0f);
        assertArrayEquals(straight.b.data(), resumed.b.data(), 0f);
    }

    @Test
    void sgdWithMomentumResumesBitExactly(@TempDir Path dir) throws Exception {
        assertResumesBitExactly(ps -> new Sgd(ps, 0.1, 0.9, 0, 0.01, true), dir);
    }

    @Test
    void adamWithAmsgradResumesBitExactly(@TempDir Path dir) throws Exception {
        assertResumesBitExactly(ps -> new Adam(ps, 0.02, 0.8, 0.99, 1e-6, 0.1, true), dir);
    }

    @Test
    void adamWResumesBitExactly(@TempDir Path dir) throws Exception {
        assertResumesBitExactly(ps -> new AdamW(ps, 0.01), dir);
    }

    @Test
    void adamStateUsesTorchOptimizerNames() {
        QuadraticProblem p = new QuadraticProblem();
        Adam adam = new Adam(p.params(), 0.01);
        p.run(adam, 2);
        assertEquals(Set.of("state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "state.1.step",
                "state.1.exp_avg", "state.1.exp_avg_sq"), adam.stateDict().keySet());
        assertArrayEquals(new int[] {2, 3}, adam.stateDict().get("state.0.exp_avg").shape());
        assertEquals(2L, adam.stateDict().get("state.0.step").longs()[0]);
    }

    @Test
    void unknownStateEntriesAreRejected() {
        QuadraticProblem p = new QuadraticProblem();
        Sgd sgd = new Sgd(p.params(), 0.1, 0.9, 0, 0, false);
        Map<String, Tensor> state = new HashMap<>();
        state.put("state.5.momentum_buffer", Tensor.zeros(6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sgd.loadStateDict(state));
        assertTrue(e.getMessage().contains("state.5.momentum_buffer"), e.getMessage());
    }

    @Test
    void stateOfTheWrongSizeIsRejected() {
        QuadraticProblem p = new QuadraticProblem();
        Sgd sgd = new Sgd(p.params(), 0.1, 0.9, 0, 0, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sgd.loadStateDict(Map.of("state.0.momentum_buffer", Tensor.zeros(5))));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void parametersWithoutGradientAreLeftUntouched() {
        Tensor w = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
        Adam adam = new Adam(List.of(w), 0.1);
        adam.step();
        assertArrayEquals(new float[] {1f, 2f}, w.data(), 0f);
        assertTrue(adam.stateDict().isEmpty());
    }
}
