package vigil.io.pth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and damaged checkpoints are refused with a message naming the file and what is wrong. */
class PthReaderRefusalTest {
    /** What make_malicious.py's pickle would create if anything ran it. */
    private static final Path MARKER = Path.of("/tmp/vigil_pth_pwned");

    @TempDir
    Path dir;

    private static String refusal(Path file) {
        return assertThrows(PthFormatException.class, () -> PthReader.read(file)).getMessage();
    }

    @Test
    void refusesAZipPickleThatWouldRunAShellCommand() throws IOException {
        Files.deleteIfExists(MARKER);
        Path file = PthFixtures.resource("malicious.pth");
        String msg = refusal(file);
        // 'posix system' is the GLOBAL at byte 194 of malicious/data.pkl (pickletools.dis)
        assertTrue(msg.contains(file.toString()) && msg.contains("malicious/data.pkl") && msg.contains("at byte 194")
                && msg.contains("refused global posix.system"), msg);
        assertFalse(Files.exists(MARKER), "the pickle's command ran");
    }

    @Test
    void refusesALegacyPickleThatWouldRunAShellCommand() throws IOException {
        Files.deleteIfExists(MARKER);
        String msg = refusal(PthFixtures.resource("malicious_legacy.pth"));
        assertTrue(msg.contains("malicious_legacy.pth at byte") && msg.contains("refused global posix.system"), msg);
        assertFalse(Files.exists(MARKER), "the pickle's command ran");
    }

    @Test
    void refusesATruncatedZip() throws IOException {
        byte[] whole = Files.readAllBytes(PthFixtures.resource("views.pth"));
        Path file = Files.write(dir.resolve("cut.pth"), Arrays.copyOf(whole, whole.length / 2));
        String msg = refusal(file);
        assertTrue(msg.contains("cut.pth") && msg.contains("not a readable zip checkpoint"), msg);
    }

    @Test
    void refusesAZipWithoutDataPkl() throws IOException {
        Map<String, byte[]> entries = PthFixtures.entries(PthFixtures.resource("views.pth"));
        entries.put("views/data.pkl", null);
        String msg = refusal(PthFixtures.writeZip(dir.resolve("nopickle.pth"), entries));
        assertTrue(msg.contains("nopickle.pth") && msg.contains("exactly one <archive>/data.pkl entry; found 0"), msg);
    }

    @Test
    void refusesAStorageEntryShorterThanItsDeclaredSize() throws IOException {
        Map<String, byte[]> entries = PthFixtures.entries(PthFixtures.resource("views.pth"));
        entries.put("views/data/0", Arrays.copyOf(entries.get("views/data/0"), 40));
        String msg = refusal(PthFixtures.writeZip(dir.resolve("short.pth"), entries));
        assertTrue(msg.contains("entry views/data/0 holds 40 bytes")
                && msg.contains("declares 12 elements of torch.FloatStorage = 48 bytes"), msg);
    }

    @Test
    void refusesAMissingStorageEntry() throws IOException {
        Map<String, byte[]> entries = PthFixtures.entries(PthFixtures.resource("views.pth"));
        entries.put("views/data/0", null);
        String msg = refusal(PthFixtures.writeZip(dir.resolve("nodata.pth"), entries));
        assertTrue(msg.contains("storage 0 (12 torch.FloatStorage) has no entry views/data/0"), msg);
    }

    @Test
    void refusesAnAbsurdStorageSizeBeforeAllocating() throws IOException {
        Map<String, byte[]> entries = PthFixtures.entries(PthFixtures.resource("views.pth"));
        // the first persistent id's numel, BININT1 12 after 'cpu' BINPUT 7, becomes BININT 2^31-1
        entries.put("views/data.pkl", PthFixtures.replaceAll(entries.get("views/data.pkl"),
                PthFixtures.bytes('c', 'p', 'u', 'q', 7, 'K', 12),
                PthFixtures.bytes('c', 'p', 'u', 'q', 7, 'J', 0xff, 0xff, 0xff, 0x7f)));
        String msg = refusal(PthFixtures.writeZip(dir.resolve("huge.pth"), entries));
        assertTrue(msg.contains("(entry views/data.pkl) at byte 144") && msg.contains("storage 0 size 2147483647"), msg);
    }

    @Test
    void refusesATensorThatReachesPastItsStorage() throws IOException {
        Map<String, byte[]> entries = PthFixtures.entries(PthFixtures.resource("views.pth"));
        // every persistent id of storage 0 now declares 11 elements (BININT1 11 before TUPLE), data cut to match
        entries.put("views/data.pkl", PthFixtures.replaceAll(entries.get("views/data.pkl"),
                PthFixtures.bytes('K', 12, 't'), PthFixtures.bytes('K', 11, 't')));
        entries.put("views/data/0", Arrays.copyOf(entries.get("views/data/0"), 44));
        String msg = refusal(PthFixtures.writeZip(dir.resolve("past.pth"), entries));
        assertTrue(msg.contains("tensor 'base'") && msg.contains("reaches element 11 of a storage of 11 elements"), msg);
    }

    @Test
    void refusesAnUnknownOpcodeInDataPkl() throws IOException {
        Map<String, byte[]> entries = PthFixtures.entries(PthFixtures.resource("views.pth"));
        byte[] pickle = entries.get("views/data.pkl").clone();
        pickle[2] = (byte) 0xfe; // where GLOBAL 'collections OrderedDict' began
        entries.put("views/data.pkl", pickle);
        String msg = refusal(PthFixtures.writeZip(dir.resolve("opcode.pth"), entries));
        assertTrue(msg.contains("opcode.pth (entry views/data.pkl) at byte 2: unknown pickle opcode (0xfe)"), msg);
    }

    @Test
    void refusesATruncatedLegacyFile() throws IOException {
        byte[] whole = Files.readAllBytes(PthFixtures.resource("views_legacy.pth"));
        Path file = Files.write(dir.resolve("cut_legacy.pth"), Arrays.copyOf(whole, whole.length - 10));
        String msg = refusal(file);
        assertTrue(msg.contains("cut_legacy.pth at byte") && msg.contains("only 38 remain (truncated?)"), msg);
    }

    @Test
    void refusesAFileThatIsNoCheckpoint() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.pth"), "hello");
        String msg = refusal(file);
        assertTrue(msg.contains("notes.pth: starts with bytes 68 65 6c 6c"), msg);
    }

    @Test
    void refusesStrippingThatWouldMergeTwoKeys() {
        Map<String, vigil.tensor.Tensor> sd = new java.util.LinkedHashMap<>();
        sd.put("module.w", vigil.tensor.Tensor.zeros(1));
        sd.put("w", vigil.tensor.Tensor.zeros(1));
        String msg = assertThrows(IllegalArgumentException.class, () -> PthReader.stripModulePrefix(sd)).getMessage();
        assertTrue(msg.contains("'module.w' and 'w' both 'w'"), msg);
    }
}
