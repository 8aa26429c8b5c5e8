package vigil.io.pth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestrictedUnpicklerTest {

    private static Object unpickle(byte[] pickle) throws PthFormatException {
        return new RestrictedUnpickler(pickle, 0, pickle.length, 0, "test.pkl").load();
    }

    private static PthFormatException refusal(byte[] pickle) {
        return assertThrows(PthFormatException.class, () -> unpickle(pickle));
    }

    @Test
    void decodesTheValueOpcodesAsPythonDoes() throws Exception {
        // /usr/bin/python3: pickle.dumps((1, 255, 65535, -2, 70000, 2**40, -2**63, 2**70, 1.5, 'h\u00e9llo',
        //                                 True, False, None, [1, 2], {'a': 1}), protocol=2).hex()
        byte[] pickle = HexFormat.of().parseHex("8002284b014bff4dffff4afeffffff4a701101008a060000000000018a080000"
                + "0000000000808a09000000000000000040473ff8000000000000580600000068c3a96c6c6f710088894e5d7101284b01"
                + "4b02657d710258010000006171034b01737471042e");
        PickleTuple t = (PickleTuple) unpickle(pickle);
        List<Object> expected = Arrays.asList(1L, 255L, 65535L, -2L, 70000L, 1L << 40, Long.MIN_VALUE,
                BigInteger.ONE.shiftLeft(70), 1.5, "h\u00e9llo", true, false, null, List.of(1L, 2L), Map.of("a", 1L));
        assertEquals(expected, t.items());
    }

    @Test
    void refusesAGlobalOutsideTheWhitelistNamingItAndItsOffset() {
        // PROTO 2; GLOBAL 'os system'; STOP
        byte[] pickle = concat(PthFixtures.bytes(0x80, 2, 'c'), "os\nsystem\n".getBytes(), PthFixtures.bytes('.'));
        String msg = refusal(pickle).getMessage();
        assertTrue(msg.contains("test.pkl at byte 2") && msg.contains("refused global os.system"), msg);
    }

    @Test
    void refusesAnUnknownOpcode() {
        String msg = refusal(PthFixtures.bytes(0x80, 2, 0xff, '.')).getMessage();
        assertTrue(msg.contains("at byte 2") && msg.contains("unknown pickle opcode (0xff)"), msg);
    }

    @Test
    void refusesInstWhichWouldCallAClass() {
        byte[] pickle = concat(PthFixtures.bytes(0x80, 2, '(', 'i'), "posix\nsystem\n.".getBytes());
        String msg = refusal(pickle).getMessage();
        assertTrue(msg.contains("at byte 3") && msg.contains("INST (0x69 'i')") && msg.contains("refused"), msg);
    }

    @Test
    void refusesNewobjEvenOnAnAllowedClass() {
        byte[] pickle = concat(PthFixtures.bytes(0x80, 2, 'c'), "collections\nOrderedDict\n".getBytes(),
                PthFixtures.bytes(')', 0x81, '.'));
        String msg = refusal(pickle).getMessage();
        assertTrue(msg.contains("NEWOBJ (0x81)") && msg.contains("at byte 28"), msg);
    }

    @Test
    void refusesReduceOnAValueThatIsNotAnAllowedCallable() {
        // PROTO 2; BINUNICODE 'os.system'; EMPTY_TUPLE; REDUCE; STOP
        byte[] pickle = concat(PthFixtures.bytes(0x80, 2, 'X', 9, 0, 0, 0), "os.system".getBytes(),
                PthFixtures.bytes(')', 'R', '.'));
        String msg = refusal(pickle).getMessage();
        assertTrue(msg.contains("at byte 17") && msg.contains("REDUCE on 'os.system'"), msg);
    }

    @Test
    void refusesAStorageTypeCalledOutsideAPersistentId() {
        byte[] pickle = concat(PthFixtures.bytes(0x80, 2, 'c'), "torch\nFloatStorage\n".getBytes(),
                PthFixtures.bytes(')', 'R', '.'));
        assertTrue(refusal(pickle).getMessage().contains("REDUCE on torch.FloatStorage"));
    }

    @Test
    void refusesAPersistentIdWhenNoLoaderIsGiven() {
        byte[] pickle = PthFixtures.bytes(0x80, 2, ')', 'Q', '.');
        assertTrue(refusal(pickle).getMessage().contains("persistent id where none is allowed"));
    }

    @Test
    void refusesAPickleCutBeforeStop() {
        String msg = refusal(PthFixtures.bytes(0x80, 2, 'X', 9, 0, 0, 0, 'o', 's')).getMessage();
        assertTrue(msg.contains("at byte 2") && msg.contains("needs 9 argument bytes but only 2 remain"), msg);
    }

    @Test
    void refusesAMemoReadBeforeItWasWritten() {
        assertTrue(refusal(PthFixtures.bytes(0x80, 2, 'h', 5, '.')).getMessage()
                .contains("memo entry 5 read before it was written"));
    }

    @Test
    void refusesBuildOnAnythingButAnOrderedDict() {
        // EMPTY_LIST; EMPTY_DICT; BUILD: would set attributes on a list
        String msg = refusal(PthFixtures.bytes(0x80, 2, ']', '}', 'b', '.')).getMessage();
        assertTrue(msg.contains("BUILD on []") && msg.contains("only an OrderedDict"), msg);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
