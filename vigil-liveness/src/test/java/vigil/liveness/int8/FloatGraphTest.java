package vigil.liveness.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vigil.liveness.passive.PretrainedMiniFasNet;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/** The converter's float graph is the model: same logits as the module, and the contract's point names. */
class FloatGraphTest {

    @ParameterizedTest
    @ValueSource(strings = {Int8Fixtures.V2_FILE, Int8Fixtures.V1SE_FILE})
    void graphLogitsEqualTheModuleLogits(String file) throws IOException {
        PretrainedMiniFasNet p = PretrainedMiniFasNet.load(Int8Fixtures.models().resolve(file));
        SplittableRandom r = new SplittableRandom(7);
        float[] x = new float[2 * 3 * 80 * 80];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(256);
        }
        float[] expected;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            expected = p.model().forward(Tensor.of(x, 2, 3, 80, 80)).data();
        }
        float[] actual = FloatGraph.of(p.model()).forward(x, 2, null);
        // Both run folded convolutions; only the embedding layer differs (BatchNorm1d folded into the linear,
        // summed in double here): logits of magnitude ~10 agree to float rounding of ~1e-5 relative.
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), file + " logit " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Int8Fixtures.V2_FILE, Int8Fixtures.V1SE_FILE})
    void pointsAreTheContractNames(String file) throws IOException {
        FloatGraph g = FloatGraph.of(PretrainedMiniFasNet.load(Int8Fixtures.models().resolve(file)).model());
        Set<String> names = new HashSet<>();
        g.nodes().forEach(n -> names.add(n.name()));
        for (String p : new String[] {"conv1", "conv2_dw", "conv_23.conv", "conv_23.conv_dw", "conv_23.project",
            "conv_3.model.0", "conv_3.model.0.project", "conv_34.project", "conv_4.model.5", "conv_45.project",
            "conv_5.model.1", "conv_6_sep", "conv_6_dw", "bn", "prob"}) {
            assertEquals(true, names.contains(p), file + ": point " + p);
        }
        boolean se = file.contains("SE");
        assertEquals(se, names.contains("conv_3.model.3.se_module.gate"), file + ": SE gate point");
        assertEquals(se, names.contains("conv_5.model.1.se_module.fc1"), file + ": SE fc1 point");
        assertEquals("prob", g.output());
    }
}
