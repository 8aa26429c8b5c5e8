package vigil.io.pth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The zip format {@code torch.save} writes since PyTorch 1.6: entries {@code <archive>/data.pkl} (the
 * pickle), {@code <archive>/data/<key>} (one raw storage each), {@code <archive>/version} and, in
 * newer files, {@code <archive>/byteorder}. The archive folder is any name (torch uses the file's stem
 * or "archive").
 */
final class ZipCheckpointReader {
    /** The pickle of a state_dict is small; a bigger one is refused before it is read into memory. */
    private static final int MAX_PICKLE_BYTES = 256 << 20;

    private ZipCheckpointReader() {
    }

    static PickledCheckpoint read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = archivePrefix(zip, file);
            ByteOrder order = byteOrder(zip, prefix, file);
            String pickleName = prefix + "data.pkl";
            String source = file + " (entry " + pickleName + ")";
            byte[] pickle = readEntry(zip, zip.getEntry(pickleName), MAX_PICKLE_BYTES, file);
            StorageTable storages = new StorageTable(false);
            Object root = new RestrictedUnpickler(pickle, 0, pickle.length, 0, source).load(storages::resolve);
            Map<String, ByteBuffer> bytes = new LinkedHashMap<>();
            for (StorageRef ref : storages.roots().values()) {
                bytes.put(ref.key(), storageBytes(zip, prefix, ref, file).order(order));
            }
            return new PickledCheckpoint(root, bytes);
        } catch (PthFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new PthFormatException(file + ": not a readable zip checkpoint (truncated or corrupt?): "
                    + e.getMessage(), e);
        }
    }

    /** "archive/" for an archive whose pickle is archive/data.pkl. */
    private static String archivePrefix(ZipFile zip, Path file) throws PthFormatException {
        List<String> names = new ArrayList<>();
        List<String> pickles = new ArrayList<>();
        for (ZipEntry e : Collections.list(zip.entries())) {
            String name = e.getName();
            names.add(name);
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                pickles.add(name.substring(0, slash + 1));
            }
        }
        if (pickles.size() != 1) {
            String listed = names.size() > 8 ? names.subList(0, 8) + "..." : names.toString();
            throw new PthFormatException(file + ": a torch.save zip has exactly one <archive>/data.pkl entry; found "
                    + pickles.size() + " among entries " + listed);
        }
        String prefix = pickles.getFirst();
        if (zip.getEntry(prefix + "constants.pkl") != null) {
            throw new PthFormatException(file + ": a TorchScript archive (torch.jit.save), not a state_dict; "
                    + "save model.state_dict() with torch.save instead");
        }
        return prefix;
    }

    /** Files before the byteorder entry existed were written on little-endian machines. */
    private static ByteOrder byteOrder(ZipFile zip, String prefix, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "byteorder");
        if (entry == null) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        String text = new String(readEntry(zip, entry, 16, file), StandardCharsets.US_ASCII).trim();
        return switch (text) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new PthFormatException(file + ": entry " + entry.getName() + " says '" + text
                    + "', expected 'little' or 'big'");
        };
    }

    private static ByteBuffer storageBytes(ZipFile zip, String prefix, StorageRef ref, Path file) throws IOException {
        String name = prefix + "data/" + ref.key();
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new PthFormatException(file + ": storage " + ref.key() + " (" + ref.numel() + " " + ref.type()
                    + ") has no entry " + name);
        }
        long expected = ref.byteSize();
        byte[] data = readEntry(zip, entry, expected, file);
        if (data.length != expected) {
            throw new PthFormatException(file + ": entry " + name + " holds " + data.length + " bytes, but storage "
                    + ref.key() + " declares " + ref.numel() + " elements of " + ref.type() + " = " + expected + " bytes");
        }
        return ByteBuffer.wrap(data);
    }

    /**
     * Reads an entry, never more than {@code limit + 1} bytes whatever its header claims, so a lying size
     * cannot force a huge allocation. Callers compare the length with what they expect.
     */
    private static byte[] readEntry(ZipFile zip, ZipEntry entry, long limit, Path file) throws IOException {
        if (entry == null) {
            throw new PthFormatException(file + ": missing zip entry");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] data = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (data.length > limit) {
                throw new PthFormatException(file + ": entry " + entry.getName() + " is larger than " + limit + " bytes");
            }
            return data;
        }
    }
}
