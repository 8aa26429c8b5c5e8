package vigil.liveness.passive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Model file names read as the reference's parse_model_name reads them. */
class MiniFasNetSpecTest {

    @Test
    void v2FileNameGivesScale27And80x80V2() {
        assertEquals(new MiniFasNetSpec(OptionalDouble.of(2.7), 80, 80, MiniFasNetVariant.V2),
                MiniFasNetSpec.fromPath(Path.of("/models/2.7_80x80_MiniFASNetV2.pth")));
    }

    @Test
    void v1seFileNameReadsOnlyTheFirstScaleField() {
        assertEquals(new MiniFasNetSpec(OptionalDouble.of(4.0), 80, 80, MiniFasNetVariant.V1SE),
                MiniFasNetSpec.fromFileName("4_0_0_80x80_MiniFASNetV1SE.pth"));
    }

    @Test
    void orgFileNameHasNoScaleAndHeightBeforeWidth() {
        MiniFasNetSpec spec = MiniFasNetSpec.fromFileName("org_1_80x60_MiniFASNetV2SE.pth");
        assertEquals(new MiniFasNetSpec(OptionalDouble.empty(), 80, 60, MiniFasNetVariant.V2SE), spec);
        assertEquals(4, spec.variant().defaultClasses());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.7_80x80_MiniFASNetV3.pth", "2.7_80by80_MiniFASNetV2.pth", "x_80x80_MiniFASNetV2.pth",
        "2.7_80x80_MiniFASNetV2.onnx", "MiniFASNetV2.pth", "2.7_0x80_MiniFASNetV2.pth"})
    void malformedNameIsRefusedNamingTheFile(String name) {
        var e = assertThrows(IllegalArgumentException.class, () -> MiniFasNetSpec.fromFileName(name));
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
    }
}
