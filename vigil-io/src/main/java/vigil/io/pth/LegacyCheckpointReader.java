package vigil.io.pth;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stream format {@code torch.save} wrote before PyTorch 1.6 (and still writes with
 * {@code _use_new_zipfile_serialization=False}): five pickles back to back (magic number, protocol
 * version 1001, system info, the object, the list of storage keys) and then, for each key in that
 * list, an int64 element count followed by the storage's raw bytes.
 */
final class LegacyCheckpointReader {
    private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL_VERSION = 1001;

    private LegacyCheckpointReader() {
    }

    static PickledCheckpoint read(Path file, byte[] bytes) throws PthFormatException {
        String source = file.toString();
        RestrictedUnpickler pickles = new RestrictedUnpickler(bytes, 0, bytes.length, 0, source);
        Object magic = pickles.load();
        if (!MAGIC.equals(magic)) {
            throw new PthFormatException(file + ": starts with a pickle but not torch.save's magic number "
                    + "(not a PyTorch checkpoint)");
        }
        Object version = pickles.load();
        if (!Long.valueOf(PROTOCOL_VERSION).equals(version)) {
            throw new PthFormatException(file + ": legacy protocol version " + PickleValues.describe(version)
                    + ", expected " + PROTOCOL_VERSION);
        }
        ByteOrder order = byteOrder(pickles.load(), file);
        StorageTable storages = new StorageTable(true);
        Object root = pickles.load(storages::resolve);
        int keysAt = pickles.position();
        if (!(pickles.load() instanceof List<?> keys)) {
            throw new PthFormatException(file + " at byte " + keysAt + ": the storage key list is not a list");
        }
        Map<String, ByteBuffer> data = readStorages(file, bytes, pickles.position(), keys, storages.roots(), order);
        return new PickledCheckpoint(root, data);
    }

    /** The system-info dict says whether the writer was little-endian; storages are in its byte order. */
    private static ByteOrder byteOrder(Object sysInfo, Path file) throws PthFormatException {
        if (!(sysInfo instanceof Map<?, ?> info)) {
            throw new PthFormatException(file + ": system info is " + PickleValues.describe(sysInfo) + ", not a dict");
        }
        Object little = info.get("little_endian");
        if (little != null && !(little instanceof Boolean)) {
            throw new PthFormatException(file + ": system info little_endian is " + PickleValues.describe(little));
        }
        return Boolean.FALSE.equals(little) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** Each listed storage: int64 element count (must match the pickle's), then count * itemSize bytes. */
    private static Map<String, ByteBuffer> readStorages(Path file, byte[] bytes, int start, List<?> keys,
            Map<String, StorageRef> roots, ByteOrder order) throws PthFormatException {
        Map<String, ByteBuffer> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        int pos = start;
        for (Object k : keys) {
            if (!(k instanceof String key) || !seen.add(key)) {
                throw new PthFormatException(file + ": storage key list holds " + PickleValues.describe(k)
                        + ", not a new string key");
            }
            StorageRef ref = roots.get(key);
            if (ref == null) {
                throw new PthFormatException(file + ": storage " + key + " has data but no tensor refers to it");
            }
            if (bytes.length - pos < 8) {
                throw new PthFormatException(file + " at byte " + pos + ": file ends before the size of storage " + key
                        + " (truncated?)");
            }
            long count = ByteBuffer.wrap(bytes, pos, 8).order(order).getLong();
            if (count != ref.numel()) {
                throw new PthFormatException(file + " at byte " + pos + ": storage " + key + " holds " + count
                        + " elements, but the pickle declares " + ref.numel() + " " + ref.type());
            }
            pos += 8;
            long size = ref.byteSize();
            if (bytes.length - pos < size) {
                throw new PthFormatException(file + " at byte " + pos + ": storage " + key + " needs " + size
                        + " bytes (" + count + " " + ref.type() + "), only " + (bytes.length - pos) + " remain (truncated?)");
            }
            out.put(key, ByteBuffer.wrap(bytes, pos, (int) size).slice().order(order));
            pos += (int) size;
        }
        for (String key : roots.keySet()) {
            if (!out.containsKey(key)) {
                throw new PthFormatException(file + ": storage " + key + " is used by a tensor but has no data");
            }
        }
        if (pos != bytes.length) {
            throw new PthFormatException(file + " at byte " + pos + ": " + (bytes.length - pos)
                    + " unexpected bytes after the last storage");
        }
        return out;
    }
}
