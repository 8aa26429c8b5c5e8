package vigil.data.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A list of sample ids ({@link Sample#id()}), one per line, UTF-8: the kept samples of a selection,
 * which {@link SubsetDataset} turns back into a dataset. Lines starting with '#' are comments (the
 * writer records there how the list was made); blank lines are skipped; ids keep their inner
 * spaces but lose leading and trailing blanks. An id may appear only once.
 */
public final class SampleIdList {
    private SampleIdList() {
    }

    public static List<String> read(Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String id = lines.get(i).strip();
            if (id.isEmpty() || id.startsWith("#")) {
                continue;
            }
            if (!seen.add(id)) {
                throw new DatasetFormatException(file, i + 1, "sample id '" + id + "' is listed twice");
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            throw new DatasetFormatException(file, 0, "no sample ids");
        }
        return ids;
    }

    /** Writes the ids in order after '#'-prefixed comment lines, atomically (temporary file, then move). */
    public static void write(Path file, List<String> ids, List<String> comments) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (String c : comments) {
                    if (c.contains("\n") || c.contains("\r")) {
                        throw new IllegalArgumentException("comment '" + c + "' spans lines");
                    }
                    w.write("# " + c);
                    w.newLine();
                }
                for (String id : ids) {
                    if (id.isBlank() || !id.equals(id.strip()) || id.startsWith("#") || id.contains("\n") || id.contains("\r")) {
                        throw new IllegalArgumentException(file + ": sample id '" + id
                                + "' cannot be written one per line (blank, padded, starts with '#' or spans lines)");
                    }
                    w.write(id);
                    w.newLine();
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
