package vigil.data.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.tensor.io.protobuf.ProtobufFormatException;
import vigil.tensor.io.protobuf.WireReader;
import vigil.tensor.io.protobuf.WireWriter;

/** tf.train.Example encoding against python3-protobuf's bytes, and decoding of every encoding protobuf allows. */
class ExampleCodecTest {

    private static Example allKinds() {
        return Example.builder()
                .int64("a", 1, -1)
                .floats("f", 1.5f)
                .bytes("b", "xy".getBytes(StandardCharsets.US_ASCII))
                .bytes("e")
                .feature("n", new Feature.KindNotSet())
                .build();
    }

    @Test
    void encodesByteForByteAsPythonProtobuf() {
        // tools/tfrecord: Example with a=int64[1,-1], f=float[1.5], b=bytes[b'xy'], e=BytesList(), n=Feature(),
        // SerializeToString(deterministic=True) (keys sorted: a, b, e, f, n).
        Example sorted = Example.builder()
                .int64("a", 1, -1)
                .bytes("b", "xy".getBytes(StandardCharsets.US_ASCII))
                .bytes("e")
                .floats("f", 1.5f)
                .feature("n", new Feature.KindNotSet())
                .build();
        assertArrayEquals(HexFormat.of().parseHex("0a420a140a0161120f1a0d0a0b01ffffffffffffffffff010a0b0a016212060a040a02"
                + "78790a070a016512020a000a0d0a0166120812060a040000c03f0a050a016e1200"), ExampleCodec.encode(sorted));
    }

    @Test
    void roundTripKeepsEveryKindValueAndOrder() throws Exception {
        Example e = Example.builder()
                .string("ключ/ünïcode ✓", "värde")
                .floats("specials", -0f, Float.NaN, Float.intBitsToFloat(0x7fc01234), Float.MIN_VALUE, Float.MAX_VALUE)
                .int64("extremes", Long.MIN_VALUE, Long.MAX_VALUE, 0, -300)
                .bytes("several", new byte[0], new byte[] {0, -1}, new byte[300])
                .floats("no floats")
                .int64("no ints")
                .feature("", new Feature.KindNotSet())
                .build();
        Example back = ExampleCodec.decode(ExampleCodec.encode(e));
        assertEquals(e, back);
        assertEquals(List.copyOf(e.features().keySet()), List.copyOf(back.features().keySet()));
    }

    @Test
    void emptyExampleIsZeroBytes() throws Exception {
        assertEquals(0, ExampleCodec.encode(Example.builder().build()).length);
        assertEquals(0, ExampleCodec.decode(new byte[0]).features().size());
    }

    @Test
    void decodesUnpackedAndSplitListsAsOneList() throws Exception {
        WireWriter floats = new WireWriter().fixed32(1, 1f).packedFloats(1, 2f, 3f).fixed32(1, 4f);
        WireWriter ints = new WireWriter().varint(1, 7).packedVarints(1, 8, -9).varint(1, 10);
        WireWriter features = new WireWriter()
                .message(1, new WireWriter().string(1, "x").message(2, new WireWriter().message(2, floats)))
                .message(1, new WireWriter().string(1, "y").message(2, new WireWriter().message(3, ints)));
        Example e = ExampleCodec.decode(new WireWriter().message(1, features).toByteArray());
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, e.floats("x"));
        assertArrayEquals(new long[] {7, 8, -9, 10}, e.int64s("y"));
    }

    @Test
    void laterOneofCaseReplacesAndSameCaseMerges() throws Exception {
        WireWriter feature = new WireWriter()
                .message(3, new WireWriter().packedVarints(1, 1))
                .message(1, new WireWriter().string(1, "p"))
                .message(1, new WireWriter().string(1, "q"));
        WireWriter features = new WireWriter().message(1, new WireWriter().string(1, "k").message(2, feature));
        Example e = ExampleCodec.decode(new WireWriter().message(1, features).toByteArray());
        assertEquals(Feature.strings("p", "q"), e.feature("k"));
    }

    @Test
    void unknownFieldsAreSkipped() throws Exception {
        WireWriter features = new WireWriter().varint(5, 1)
                .message(1, new WireWriter().fixed64(9, 1.0).string(1, "k").message(2, new WireWriter().varint(8, 3)
                        .message(3, new WireWriter().string(4, "junk").packedVarints(1, 5))));
        Example e = ExampleCodec.decode(new WireWriter().fixed32(2, 0f).message(1, features).toByteArray());
        assertEquals(5, e.int64("k"));
    }

    @Test
    void everyTruncationOfAnEncodedExampleIsRefused() {
        byte[] b = ExampleCodec.encode(allKinds());
        for (int cut = 1; cut < b.length; cut++) {
            byte[] part = Arrays.copyOf(b, cut);
            assertThrows(ProtobufFormatException.class, () -> ExampleCodec.decode(part, "cut"), "cut at " + cut);
        }
    }

    @Test
    void malformedUtf8FeatureNameIsRefusedWithItsOffset() {
        WireWriter entry = new WireWriter().bytes(1, new byte[] {'a', (byte) 0xc3}).message(2, new WireWriter());
        byte[] b = new WireWriter().message(1, new WireWriter().message(1, entry)).toByteArray();
        String m = assertThrows(ProtobufFormatException.class, () -> ExampleCodec.decode(b, "rec")).getMessage();
        assertEquals("rec: at byte 5: string field of 2 bytes is not valid UTF-8", m);
    }

    @Test
    void packedFloatsOfBadLengthAreRefused() {
        WireWriter feature = new WireWriter().message(2, new WireWriter().bytes(1, new byte[6]));
        byte[] b = new WireWriter().message(1, new WireWriter().message(1,
                new WireWriter().string(1, "f").message(2, feature))).toByteArray();
        assertTrue(assertThrows(ProtobufFormatException.class, () -> ExampleCodec.decode(b)).getMessage()
                .contains("packed floats of 6 bytes"));
    }

    @Test
    void encodedListsArePackedAsTensorFlowWritesThem() throws Exception {
        byte[] b = ExampleCodec.encode(Example.builder().floats("f", 1f, 2f).build());
        // Example.features -> entry -> value Feature -> float_list -> field 1 must be one LENGTH_DELIMITED run.
        WireReader r = new WireReader(b, "t");
        r.readTag();
        WireReader features = r.readMessage();
        features.readTag();
        WireReader entry = features.readMessage();
        entry.skip(entry.readTag());
        entry.readTag();
        WireReader feature = entry.readMessage();
        assertEquals(2, WireReader.fieldNumber(feature.readTag()));
        WireReader list = feature.readMessage();
        assertEquals(WireReader.LENGTH_DELIMITED, WireReader.wireType(list.readTag()));
        assertArrayEquals(new float[] {1f, 2f}, list.readPackedFloats());
    }
}
