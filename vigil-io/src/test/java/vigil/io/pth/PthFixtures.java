package vigil.io.pth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Locates the committed fixtures and builds damaged variants of them for refusal tests. */
final class PthFixtures {
    private PthFixtures() {
    }

    /** A file under src/test/resources/pth (made by make_fixtures.py / make_malicious.py). */
    static Path resource(String name) {
        try {
            return Path.of(PthFixtures.class.getResource("/pth/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test fixture pth/" + name + " not found", e);
        }
    }

    /** A Silent-Face model file from ../shared/models/silent-face. */
    static Path silentFace(String name) {
        String shared = System.getProperty("vigil.shared", "../../shared");
        return Path.of(shared, "models", "silent-face", name);
    }

    /** All entries of a zip, in order. */
    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                out.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    /** Writes entries as a zip (null values are left out). */
    static Path writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (e.getValue() != null) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
        }
        return file;
    }

    /** {@code data} with every occurrence of {@code from} replaced by {@code to}. */
    static byte[] replaceAll(byte[] data, byte[] from, byte[] to) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        int hits = 0;
        while (i < data.length) {
            if (i + from.length <= data.length && java.util.Arrays.equals(data, i, i + from.length, from, 0, from.length)) {
                out.writeBytes(to);
                i += from.length;
                hits++;
            } else {
                out.write(data[i++]);
            }
        }
        if (hits == 0) {
            throw new IllegalStateException("pattern not found in fixture");
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
