package vigil.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.BatchNorm2d;
import vigil.tensor.nn.Conv2d;
import vigil.tensor.nn.Sequential;

class CheckpointTest {
    @TempDir
    Path tmp;

    private static Sequential model(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Conv2d(3, 4, 3, rng), new BatchNorm2d(4));
    }

    @Test
    void savedStateAndConfigLoadIntoAFreshModel() throws IOException {
        Sequential a = model(1);
        Path f = tmp.resolve("m.safetensors");
        Checkpoint.save(f, a, "{\"arch\":\"tiny\"}", Map.of("epoch", "3"));
        Sequential b = model(2);
        Map<String, String> meta = Checkpoint.load(f, b);
        assertEquals("{\"arch\":\"tiny\"}", meta.get(Checkpoint.CONFIG_KEY));
        assertEquals("3", meta.get("epoch"));
        assertEquals("pt", meta.get(Checkpoint.FORMAT_KEY));
        for (String k : a.stateDict().keySet()) {
            if (a.stateDict().get(k).dtype() == vigil.tensor.DType.FLOAT32) {
                assertArrayEquals(a.stateDict().get(k).data(), b.stateDict().get(k).data(), k);
            }
        }
        assertEquals(a.stateDict().keySet(), b.stateDict().keySet());
    }

    @Test
    void aCheckpointOfAnotherArchitectureIsRefusedNamingTheFile() throws IOException {
        Path f = tmp.resolve("other.safetensors");
        Checkpoint.save(f, new Sequential(new Conv2d(3, 8, 3, new Rng(1))), null, null);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f, model(1)));
        assertTrue(e.getMessage().contains("other.safetensors"), e.getMessage());
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path f = tmp.resolve("m.safetensors");
        Checkpoint.save(f, model(1), null, null);
        Checkpoint.save(f, model(2), null, null);
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
    }
}
