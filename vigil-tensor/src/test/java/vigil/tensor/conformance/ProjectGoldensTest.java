package vigil.tensor.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every case of the project's own golden set (tools/goldens/make_engine_goldens.py --seed 1, committed
 * under src/test/resources/goldens/engine) passes, forward and backward, through the standard runner.
 * -Dvigil.goldens.dir=DIR runs the cases of another seed instead (see tools/goldens/README.md).
 */
class ProjectGoldensTest {

    /** -Dvigil.goldens.dir, else the committed cases: from the test classpath, else the module path. */
    static Path projectGoldens() throws URISyntaxException {
        String override = System.getProperty("vigil.goldens.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        URL url = ProjectGoldensTest.class.getResource("/goldens/engine");
        if (url != null && "file".equals(url.getProtocol())) {
            return Path.of(url.toURI());
        }
        return Path.of("src/test/resources/goldens/engine");
    }

    @Test
    void allProjectEngineCasesPass() throws Exception {
        Path dir = projectGoldens();
        assertTrue(Files.isDirectory(dir), "project goldens missing at " + dir.toAbsolutePath());
        long files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).count();
        }
        assertTrue(files > 0, "no .safetensors cases in " + dir.toAbsolutePath());

        List<CaseResult> results = GoldenRunner.standard().runDirectories(List.of(dir));
        List<CaseResult> failed = results.stream().filter(r -> !r.passed()).toList();
        String report = failed.stream()
                .map(r -> r.name() + " (" + r.op() + "): " + String.join("; ", r.failures()))
                .collect(Collectors.joining("\n"));
        if (!failed.isEmpty()) {
            System.out.println(failed.size() + " of " + results.size() + " project golden cases fail:\n" + report);
        }
        assertEquals("", report, failed.size() + " of " + results.size() + " project golden cases fail");
        assertEquals(files, results.size(), "every file in " + dir + " runs as one case");
    }
}
