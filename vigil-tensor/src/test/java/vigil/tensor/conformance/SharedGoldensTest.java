package vigil.tensor.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every case PyTorch produced in shared/goldens/engine passes, forward and backward. */
class SharedGoldensTest {

    static Path shared() {
        return Path.of(System.getProperty("vigil.shared", "../../shared"));
    }

    @Test
    void allSharedEngineCasesPass() throws Exception {
        Path dir = shared().resolve("goldens/engine");
        assertTrue(Files.isDirectory(dir), "shared goldens missing at " + dir.toAbsolutePath());
        List<CaseResult> results = GoldenRunner.standard().runDirectories(List.of(dir));
        String failures = results.stream().filter(r -> !r.passed())
                .map(r -> r.name() + " (" + r.op() + "): " + String.join("; ", r.failures()))
                .collect(Collectors.joining("\n"));
        assertEquals("", failures);
        assertEquals(39, results.size(), "shared/goldens/engine holds 39 cases");
    }
}
