package vigil.tensor.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.tensor.DType;
import vigil.tensor.Shape;
import vigil.tensor.Tensor;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length N, N bytes of JSON
 * ({name: {dtype, shape, data_offsets}}, plus "__metadata__"), then the raw little-endian bytes.
 * The reader trusts nothing in the header: every size and offset is checked against the file.
 */
public final class SafeTensors {
    /** Headers beyond this are refused rather than allocated (the reference implementation uses 100 MB). */
    private static final long MAX_HEADER_BYTES = 100L << 20;

    private SafeTensors() {
    }

    public static SafeTensorsFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new SafeTensorsException(file + ": " + size + " bytes, too short for a safetensors header");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, file);
            long headerLen = lenBuf.getLong(0);
            if (headerLen < 2 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
                throw new SafeTensorsException(file + ": header length " + headerLen + " does not fit a file of "
                        + size + " bytes");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8, file);
            Map<String, Object> json;
            try {
                json = Json.parseObject(new String(header.array(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new SafeTensorsException(file + ": header is not valid JSON: " + e.getMessage());
            }
            long dataStart = 8 + headerLen;
            long dataLen = size - dataStart;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : json.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    if (!(e.getValue() instanceof Map<?, ?> m)) {
                        throw new SafeTensorsException(file + ": __metadata__ is not an object");
                    }
                    for (Map.Entry<?, ?> me : m.entrySet()) {
                        if (!(me.getValue() instanceof String s)) {
                            throw new SafeTensorsException(file + ": metadata value of " + me.getKey() + " is not a string");
                        }
                        metadata.put((String) me.getKey(), s);
                    }
                    continue;
                }
                tensors.put(e.getKey(), readTensor(ch, file, e.getKey(), e.getValue(), dataStart, dataLen));
            }
            return new SafeTensorsFile(tensors, metadata);
        }
    }

    private static Tensor readTensor(FileChannel ch, Path file, String name, Object entry, long dataStart, long dataLen)
            throws IOException {
        if (!(entry instanceof Map<?, ?> info)) {
            throw new SafeTensorsException(file + ": entry " + name + " is not an object");
        }
        DType dtype;
        try {
            dtype = DType.fromSafetensors(String.valueOf(info.get("dtype")));
        } catch (IllegalArgumentException ex) {
            throw new SafeTensorsException(file + ": tensor " + name + ": " + ex.getMessage());
        }
        if (!(info.get("shape") instanceof List<?> shapeList) || !(info.get("data_offsets") instanceof List<?> offs)
                || offs.size() != 2) {
            throw new SafeTensorsException(file + ": tensor " + name + " lacks a shape or a pair of data_offsets");
        }
        int[] shape = new int[shapeList.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new SafeTensorsException(file + ": tensor " + name + " has a bad dimension " + shapeList.get(i));
            }
            shape[i] = (int) (long) d;
            numel *= d;
            if (numel > Integer.MAX_VALUE) {
                throw new SafeTensorsException(file + ": tensor " + name + " shape " + shapeList + " is too large");
            }
        }
        if (!(offs.get(0) instanceof Long begin) || !(offs.get(1) instanceof Long end)) {
            throw new SafeTensorsException(file + ": tensor " + name + " has non-integer data_offsets");
        }
        long bytes = numel * dtype.byteSize();
        if (begin < 0 || end < begin || end > dataLen || end - begin != bytes) {
            throw new SafeTensorsException(file + ": tensor " + name + " " + dtype + " " + shapeList
                    + " needs " + bytes + " bytes but data_offsets are [" + begin + ", " + end + "] in a data section of "
                    + dataLen + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + begin, file);
        buf.flip();
        int n = (int) numel;
        return switch (dtype) {
            case FLOAT32 -> {
                float[] a = new float[n];
                buf.asFloatBuffer().get(a);
                yield Tensor.of(a, shape);
            }
            case INT64 -> {
                long[] a = new long[n];
                buf.asLongBuffer().get(a);
                yield Tensor.ofLongs(a, shape);
            }
            case INT32 -> {
                int[] a = new int[n];
                buf.asIntBuffer().get(a);
                yield Tensor.ofInts(a, shape);
            }
            case INT8 -> {
                byte[] a = new byte[n];
                buf.get(a);
                yield Tensor.ofBytes(a, shape);
            }
        };
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, p);
            if (r < 0) {
                throw new SafeTensorsException(file + ": unexpected end of file at byte " + p);
            }
            p += r;
        }
    }

    /**
     * Writes tensors and metadata atomically: to a temporary file beside the target, then renamed
     * over it, so a crash never leaves a half-written file under the final name.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            header.put("__metadata__", new LinkedHashMap<>(metadata));
        }
        long at = 0;
        List<Tensor> order = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            long bytes = (long) t.numel() * t.dtype().byteSize();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", t.dtype().safetensorsName());
            info.put("shape", toList(t.shape()));
            info.put("data_offsets", List.of(at, at + bytes));
            header.put(e.getKey(), info);
            order.add(t);
            at += bytes;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // keeps the data section 8-byte aligned, as the reference writer does
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(json);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            head.flip();
            writeFully(ch, head);
            for (Tensor t : order) {
                writeFully(ch, encode(t));
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("could not move " + tmp + " over " + file + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer encode(Tensor t) {
        ByteBuffer buf = ByteBuffer.allocate(t.numel() * t.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case FLOAT32 -> buf.asFloatBuffer().put(t.data());
            case INT64 -> buf.asLongBuffer().put(t.longs());
            case INT32 -> buf.asIntBuffer().put(t.ints());
            case INT8 -> buf.put(t.bytes());
        }
        buf.position(0);
        return buf;
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static List<Long> toList(int[] shape) {
        List<Long> l = new ArrayList<>();
        for (int d : shape) {
            l.add((long) d);
        }
        return l;
    }

}
