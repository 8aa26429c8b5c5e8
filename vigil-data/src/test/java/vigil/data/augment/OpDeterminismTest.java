package vigil.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Every op in the catalog: a fixed seed gives the same parameters and bytes; the input is never modified. */
class OpDeterminismTest {
    static List<String> ops() {
        List<String> names = new ArrayList<>();
        OpCatalog.names().forEach(names::add);
        return names;
    }

    @ParameterizedTest
    @MethodSource("ops")
    void fixedSeedGivesIdenticalOutputAndLeavesInputAlone(String name) {
        AugmentOp op = OpCatalog.withDefaults(name);
        BgrImage image = TestImages.natural(48, 40, 2);
        byte[] before = image.data().clone();
        OpParams p1 = op.draw(new Rng(123));
        OpParams p2 = op.draw(new Rng(123));
        assertEquals(p1, p2);
        BgrImage a = p1.apply(image);
        BgrImage b = op.apply(image, new Rng(123));
        assertNotSame(image, a);
        assertArrayEquals(a.data(), b.data());
        assertEquals(image.width(), a.width());
        assertEquals(image.height(), a.height());
        assertArrayEquals(before, image.data(), name + " modified its input");
    }
}
