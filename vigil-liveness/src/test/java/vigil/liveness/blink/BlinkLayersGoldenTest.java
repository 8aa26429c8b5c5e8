package vigil.liveness.blink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import vigil.tensor.conformance.CaseResult;
import vigil.tensor.conformance.GoldenRunner;
import vigil.tensor.nn.Conv2d;
import vigil.tensor.nn.Module;

/**
 * The blink models' layers pass the engine's golden suite: the cases in
 * src/test/resources/goldens/blink are PyTorch's float64 answers at exactly the models' layer
 * shapes (tools/goldens/make_blink_goldens.py), forward and every gradient, at the suite's
 * tolerance (atol = rtol = 1e-4). A second test keeps the list honest: every layer kind in the
 * models must be one those cases cover.
 */
class BlinkLayersGoldenTest {
    private static final Path CASES = Path.of("src/test/resources/goldens/blink");

    @Test
    void everyBlinkLayerCasePasses() throws Exception {
        List<CaseResult> results = GoldenRunner.standard().runDirectories(List.of(CASES));
        assertEquals(16, results.size(), "golden cases found in " + CASES.toAbsolutePath());
        List<String> failed = new ArrayList<>();
        for (CaseResult r : results) {
            if (!r.passed()) {
                failed.add(r.name() + ": " + r.failures());
            }
        }
        assertTrue(failed.isEmpty(), String.join("\n", failed));
    }

    @Test
    void modelsUseOnlyLayerKindsTheCasesCover() {
        Set<String> covered = Set.of("Conv2d", "BatchNorm2d", "ReLU", "AdaptiveAvgPool2d", "Flatten", "Linear", "GRU",
                "Sequential");
        BlinkModels m = BlinkModels.initial(1);
        Set<String> used = new TreeSet<>();
        List<Conv2d> convs = new ArrayList<>();
        for (Module root : List.of(m.eyeState(), m.blink(), m.smoother())) {
            collect(root, used, convs);
        }
        used.removeAll(Set.of("EyeStateCnn", "BlinkGru", "ScoreSmootherGru"));
        assertTrue(covered.containsAll(used), "layer kinds without a golden case: " + used);
        // the convolutions are the seven the cases cover: 3x3 stem, three depthwise 3x3, three pointwise
        assertEquals(7, convs.size());
        assertEquals(3, convs.stream().filter(c -> c.groups() > 1 && c.groups() == c.weight().shape()[0]).count());
    }

    private static void collect(Module m, Set<String> used, List<Conv2d> convs) {
        used.add(m.getClass().getSimpleName());
        if (m instanceof Conv2d c) {
            convs.add(c);
        }
        m.children().values().forEach(child -> collect(child, used, convs));
    }
}
