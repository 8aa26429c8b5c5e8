package vigil.io.protobuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.io.protobuf.ProtobufFormatException;

/**
 * The text-format parser and TextMessage's typed accessors, against what protoc's text parser accepts
 * (expected values written out by hand), and its errors for broken input.
 */
class TextFormatParserTest {

    private static TextMessage parse(String text) throws ProtobufFormatException {
        return TextFormatParser.parse(text, "t.prototxt");
    }

    private static String failure(String text) {
        return assertThrows(ProtobufFormatException.class, () -> parse(text)).getMessage();
    }

    @Test
    void parsesNestedMessagesRepeatedFieldsAndComments() throws Exception {
        TextMessage m = parse("""
                name: "net"  # trailing comment
                # a whole-line comment
                layer {
                  name: "conv1"
                  bottom: "data" bottom: "extra"
                  convolution_param { num_output: 8 kernel_size: 3 kernel_size: 5 }
                }
                layer { name: "relu1" }
                """);
        assertEquals("net", m.string("name", null));
        List<TextMessage> layers = m.messages("layer");
        assertEquals(2, layers.size());
        assertEquals(List.of("data", "extra"), layers.get(0).strings("bottom"));
        TextMessage conv = layers.get(0).message("convolution_param");
        assertEquals(8, conv.intValue("num_output", 0));
        assertArrayEquals(new int[] {3, 5}, conv.ints("kernel_size"));
        assertEquals(6, conv.line());
        assertEquals("relu1", layers.get(1).string("name", null));
    }

    @Test
    void absentFieldsGiveDefaultsAndAnEmptySubMessage() throws Exception {
        TextMessage m = parse("a: 1");
        assertEquals(7, m.intValue("b", 7));
        assertEquals("d", m.string("c", "d"));
        assertTrue(m.message("p").fields().isEmpty());
        assertEquals(0, m.ints("q").length);
    }

    @Test
    void numbersParseInEveryTextFormatSpelling() throws Exception {
        TextMessage m = parse("a: 9.9999997e-06 b: -3 c: 0x1F d: 1.5f e: .25 f: 1E3 g: -inf h: nan i: 010 j: 2.");
        assertEquals((float) 9.9999997e-06, m.floatValue("a", 0));
        assertEquals(1e-5f, m.floatValue("a", 0));
        assertEquals(-3, m.intValue("b", 0));
        assertEquals(31, m.intValue("c", 0));
        assertEquals(1.5f, m.floatValue("d", 0));
        assertEquals(0.25f, m.floatValue("e", 0));
        assertEquals(1000f, m.floatValue("f", 0));
        assertEquals(Float.NEGATIVE_INFINITY, m.floatValue("g", 0));
        assertTrue(Float.isNaN(m.floatValue("h", 0)));
        assertEquals(8, m.intValue("i", 0));
        assertEquals(2f, m.floatValue("j", 0));
        assertEquals(-3f, m.floatValue("b", 0));
    }

    @Test
    void enumsAndBooleansAreBareWords() throws Exception {
        TextMessage m = parse("pool: MAX flip: true clip: False use: 1");
        assertEquals("MAX", m.enumName("pool", null));
        assertTrue(m.bool("flip", false));
        assertFalse(m.bool("clip", true));
        assertTrue(m.bool("use", false));
    }

    @Test
    void stringEscapesDecodeAndAdjacentStringsJoin() throws Exception {
        TextMessage m = parse("s: \"a\\\"b\\n\\t\\\\\\x41\\101\" t: 'single' \"joined\"");
        assertEquals("a\"b\n\t\\AA", m.string("s", null));
        assertEquals("singlejoined", m.string("t", null));
    }

    @Test
    void listSyntaxAnglesAndSeparatorsAreAccepted() throws Exception {
        TextMessage m = parse("shape: < dim: [1, 3, 640] >; other: { x: 1, y: 2 }, dim: []");
        assertArrayEquals(new long[] {1, 3, 640}, m.message("shape").longs("dim"));
        assertEquals(2, m.message("other").intValue("y", 0));
        assertEquals(0, m.longs("dim").length);
    }

    @Test
    void parsesTheDetectorsDeployPrototxt() throws Exception {
        Path deploy = Path.of(System.getProperty("vigil.shared", "../../shared"), "models/silent-face/deploy.prototxt");
        TextMessage m = TextFormatParser.parse(deploy);
        assertEquals(219, m.messages("layer").size());
        assertArrayEquals(new long[] {1, 3, 640, 640}, m.longs("input_dim"));
        TextMessage last = m.messages("layer").get(218);
        assertEquals("detection_out", last.string("name", null));
        TextMessage p = last.message("detection_output_param");
        assertEquals("CENTER_SIZE", p.enumName("code_type", null));
        assertEquals(0.3f, p.message("nms_param").floatValue("nms_threshold", 0));
        assertEquals(400, p.message("nms_param").intValue("top_k", 0));
    }

    @Test
    void unterminatedStringNamesItsLine() {
        assertEquals("t.prototxt:2: unterminated string", failure("a: 1\nname: \"conv1\nb: 2"));
    }

    @Test
    void unclosedMessageNamesTheLineItOpensOn() {
        assertEquals("t.prototxt:3: missing '}' for the message opened on line 1 (at end of input)",
                failure("layer {\n  name: \"x\"\n"));
    }

    @Test
    void strayClosingBraceIsRefused() {
        assertEquals("t.prototxt:1: unexpected '}' at top level (at })", failure("a: 1 }"));
    }

    @Test
    void scalarWithoutColonIsRefused() {
        assertEquals("t.prototxt:1: expected ':' or '{' after field 'a' (at 1)", failure("a 1"));
    }

    @Test
    void missingValueIsRefused() {
        assertEquals("t.prototxt:2: expected a value for field 'a' (at })", failure("x {\na: }"));
    }

    @Test
    void unexpectedCharacterIsRefused() {
        assertEquals("t.prototxt:1: unexpected character '@'", failure("a: @"));
    }

    @Test
    void singularAccessorRefusesARepeatedField() throws Exception {
        TextMessage m = parse("num_output: 8\nnum_output: 16");
        String msg = assertThrows(ProtobufFormatException.class, () -> m.intValue("num_output", 0)).getMessage();
        assertEquals("t.prototxt:2: field 'num_output': given 2 times, expected at most once", msg);
    }

    @Test
    void accessorsRefuseValuesOfTheWrongKind() throws Exception {
        TextMessage m = parse("a: \"8\" b: abc c: 1.5 d: { } e: 4294967296 f: maybe");
        assertTrue(assertThrows(ProtobufFormatException.class, () -> m.intValue("a", 0)).getMessage()
                .endsWith("field 'a': expected a number or identifier, got the string \"8\""));
        assertTrue(assertThrows(ProtobufFormatException.class, () -> m.floatValue("b", 0)).getMessage()
                .endsWith("field 'b': expected a number, got abc"));
        assertTrue(assertThrows(ProtobufFormatException.class, () -> m.intValue("c", 0)).getMessage()
                .endsWith("field 'c': expected an integer, got 1.5"));
        assertTrue(assertThrows(ProtobufFormatException.class, () -> m.string("d", "")).getMessage()
                .endsWith("field 'd': expected a scalar value, got a message { ... }"));
        assertTrue(assertThrows(ProtobufFormatException.class, () -> m.message("c")).getMessage()
                .endsWith("field 'c': expected a message { ... }, got a scalar"));
        assertTrue(assertThrows(ProtobufFormatException.class, () -> m.intValue("e", 0)).getMessage()
                .endsWith("field 'e': 4294967296 does not fit a 32-bit integer"));
        assertTrue(assertThrows(ProtobufFormatException.class, () -> m.bool("f", false)).getMessage()
                .endsWith("field 'f': expected true or false, got maybe"));
    }

    @Test
    void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
        String deep = "a {".repeat(5000) + "}".repeat(5000);
        assertTrue(failure(deep).contains("messages nested more than 100 deep"));
    }

    @Test
    void binaryFileIsRefusedAsNotText(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("weights.caffemodel");
        Files.write(f, new byte[] {0x0a, 0x3e, (byte) 0xff, (byte) 0xfe, 0x00});
        String msg = assertThrows(ProtobufFormatException.class, () -> TextFormatParser.parse(f)).getMessage();
        assertEquals(f + ": not UTF-8 text (a binary file given as a text-format one?)", msg);
    }
}
