package vigil.io.pth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import vigil.tensor.Tensor;

/**
 * Reads a PyTorch state_dict saved with {@code torch.save(model.state_dict(), file)}, in either format
 * torch writes (the zip of PyTorch 1.6+, or the older pickle stream), without executing anything: the
 * pickle goes through {@link RestrictedUnpickler}, which refuses every global but the few a
 * state_dict uses.
 *
 * <p>Tensors come back dense and owning their data, in file order, with the dtype of
 * {@link StorageType#target()}: float16/bfloat16/float64 as FLOAT32, int64 (e.g. BatchNorm's
 * {@code num_batches_tracked}, shape []) as INT64.
 */
public final class PthReader {
    /** The prefix {@code nn.DataParallel} puts on every key. */
    public static final String DATA_PARALLEL_PREFIX = "module.";

    /** The legacy format is read whole into memory; larger files are refused. */
    private static final long MAX_LEGACY_BYTES = Integer.MAX_VALUE - 8;

    private PthReader() {
    }

    /** The state_dict in {@code file}, keys in file order. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        PickledCheckpoint checkpoint = switch (detect(file)) {
            case ZIP -> ZipCheckpointReader.read(file);
            case LEGACY -> {
                long size = Files.size(file);
                if (size > MAX_LEGACY_BYTES) {
                    throw new PthFormatException(file + ": " + size + " bytes is too large for the legacy format reader");
                }
                yield LegacyCheckpointReader.read(file, Files.readAllBytes(file));
            }
        };
        return toStateDict(checkpoint, file);
    }

    /** {@code state} with {@link #DATA_PARALLEL_PREFIX} removed from the keys that carry it. */
    public static Map<String, Tensor> stripModulePrefix(Map<String, Tensor> state) {
        return stripPrefix(state, DATA_PARALLEL_PREFIX);
    }

    /**
     * {@code state} with {@code prefix} removed from the keys that start with it, order kept; tensors
     * are shared, not copied. Throws IllegalArgumentException when two keys would become one.
     */
    public static Map<String, Tensor> stripPrefix(Map<String, Tensor> state, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String key = e.getKey().startsWith(prefix) ? e.getKey().substring(prefix.length()) : e.getKey();
            String clash = origin.putIfAbsent(key, e.getKey());
            if (clash != null) {
                throw new IllegalArgumentException("stripping '" + prefix + "' makes keys '" + clash + "' and '"
                        + e.getKey() + "' both '" + key + "'");
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    private enum Format { ZIP, LEGACY }

    /** By the first bytes: a zip local header, or pickle protocol 2's PROTO opcode. */
    private static Format detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(262);
        }
        if (head.length == 0) {
            throw new PthFormatException(file + ": empty file, not a PyTorch checkpoint");
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
            return Format.ZIP;
        }
        if ((head[0] & 0xff) == 0x80) {
            return Format.LEGACY;
        }
        if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            throw new PthFormatException(file + ": a tar checkpoint from PyTorch before 0.4; not supported "
                    + "(load and re-save it with a newer torch.save)");
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(4, head.length); i++) {
            hex.append(String.format(" %02x", head[i] & 0xff));
        }
        throw new PthFormatException(file + ": starts with bytes" + hex + ", neither a torch.save zip nor a legacy "
                + "torch.save stream");
    }

    private static Map<String, Tensor> toStateDict(PickledCheckpoint checkpoint, Path file) throws PthFormatException {
        if (!(checkpoint.root() instanceof Map<?, ?> root)) {
            throw new PthFormatException(file + ": holds " + PickleValues.describe(checkpoint.root())
                    + ", not a state_dict (a dict of tensors)");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : root.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new PthFormatException(file + ": state_dict key " + PickleValues.describe(e.getKey())
                        + " is not a string");
            }
            if (!(e.getValue() instanceof PickledTensor t)) {
                throw new PthFormatException(file + ": entry '" + key + "' is " + PickleValues.describe(e.getValue())
                        + ", not a tensor; only a plain state_dict can be read (save model.state_dict())");
            }
            out.put(key, TensorMaterializer.materialize(t, checkpoint.storageBytes().get(t.storage().key()),
                    file + ": tensor '" + key + "'"));
        }
        return out;
    }
}
