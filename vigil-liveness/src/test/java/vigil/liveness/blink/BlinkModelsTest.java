package vigil.liveness.blink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.RecurrentOutput;

/** The shipped weights load, round-trip through safetensors, and stream as they run in batch. */
class BlinkModelsTest {
    @Test
    void shippedWeightsLoadIntoTheArchitecture() {
        BlinkModels m = BlinkModels.shipped();
        // 3 x 3 stem, three separable blocks, linear head; GRU 6->16 + head; GRU 2->8 + head
        assertEquals(m.eyeState().parameterCount() + m.blink().parameterCount() + m.smoother().parameterCount(),
                m.parameterCount());
        assertEquals(3 * (16 * 6 + 16 * 16 + 2 * 16) + 17, m.blink().parameterCount());
        assertEquals(3 * (8 * 2 + 8 * 8 + 2 * 8) + 9, m.smoother().parameterCount());
        assertTrue(m.parameterCount() < 10_000, "blink models should stay small: " + m.parameterCount());
    }

    @Test
    void saveThenLoadGivesIdenticalTensors(@TempDir Path dir) throws Exception {
        BlinkModels a = BlinkModels.initial(7);
        a.save(dir, Map.of("note", "test"));
        BlinkModels b = BlinkModels.load(dir);
        for (Map.Entry<String, Tensor> e : a.eyeState().stateDict().entrySet()) {
            Tensor other = b.eyeState().stateDict().get(e.getKey());
            if (e.getValue().dtype() == vigil.tensor.DType.FLOAT32) {
                assertArrayEquals(e.getValue().data(), other.data(), 0f, e.getKey());
            }
        }
        assertArrayEquals(a.blink().stateDict().get("gru.weight_hh_l0").data(),
                b.blink().stateDict().get("gru.weight_hh_l0").data(), 0f);
    }

    @Test
    void streamingStepsEqualTheWholeSequenceForward() {
        // The detector steps the GRU one frame at a time; training runs it over whole sequences.
        BlinkGru gru = BlinkModels.shipped().blink();
        Rng rng = new Rng(11);
        int frames = 25;
        float[] x = new float[frames * BlinkFeatures.SIZE];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.uniform(-1f, 1f);
        }
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            float[] whole = gru.forward(Tensor.of(x, 1, frames, BlinkFeatures.SIZE)).data();
            Tensor h = null;
            for (int t = 0; t < frames; t++) {
                float[] step = java.util.Arrays.copyOfRange(x, t * BlinkFeatures.SIZE, (t + 1) * BlinkFeatures.SIZE);
                RecurrentOutput o = gru.step(Tensor.of(step, 1, 1, BlinkFeatures.SIZE), h);
                h = o.hN();
                // same float operations in the same order; allow 1e-6 for a different GEMM blocking
                assertEquals(whole[t], o.y().item(), 1e-6f, "frame " + t);
            }
        }
    }
}
