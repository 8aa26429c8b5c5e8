package vigil.data.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The typed getters and value equality of the Example model. */
class ExampleTest {
    private final Example e = Example.builder()
            .string("image/format", "jpeg")
            .int64("image/class/label", 2)
            .floats("box", 0.1f, 0.2f, 0.3f, 0.4f)
            .bytes("two", new byte[] {1}, new byte[] {2})
            .build();

    @Test
    void typedGettersReturnSingleValues() {
        assertEquals("jpeg", e.string("image/format"));
        assertEquals(2, e.int64("image/class/label"));
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, e.floats("box"));
        assertEquals(2, e.bytesList("two").size());
    }

    @Test
    void missingFeatureIsNamedWithThoseThatExist() {
        String m = assertThrows(IllegalArgumentException.class, () -> e.int64("label")).getMessage();
        assertEquals("Example has no feature 'label' (it has [image/format, image/class/label, box, two])", m);
    }

    @Test
    void wrongTypeAndWrongCountAreNamed() {
        assertEquals("feature 'box' is float, not Int64List",
                assertThrows(IllegalArgumentException.class, () -> e.int64s("box")).getMessage());
        assertEquals("feature 'two' has 2 values, expected exactly 1",
                assertThrows(IllegalArgumentException.class, () -> e.bytes("two")).getMessage());
    }

    @Test
    void featuresCompareByValueAndFloatsByBits() {
        assertEquals(Feature.bytes(new byte[] {1, 2}), Feature.bytes(new byte[] {1, 2}));
        assertEquals(Feature.floats(Float.NaN), Feature.floats(Float.NaN));
        assertNotEquals(Feature.floats(0f), Feature.floats(-0f));
        assertNotEquals(Feature.int64s(1), Feature.floats(1f));
    }
}
