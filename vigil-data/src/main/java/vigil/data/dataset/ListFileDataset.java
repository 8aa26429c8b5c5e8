package vigil.data.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A UTF-8 text file of {@code path label} lines. The label is the last whitespace-separated field
 * (an integer) and the path is everything before it, trimmed, so paths may contain spaces. A
 * relative path is resolved against the list file's folder. Blank lines and lines whose first
 * non-blank character is '#' are skipped. Samples keep the file's line order; a sample's id is
 * the resolved path. Image files are not opened (nor checked to exist) until loaded.
 */
public final class ListFileDataset extends FileListDataset {
    private final Path listFile;

    private ListFileDataset(Path listFile, LabelledFiles files) {
        super(files);
        this.listFile = listFile;
    }

    /** Parses the list; a malformed line fails with a {@link DatasetFormatException} naming file:line. */
    public static ListFileDataset open(Path listFile) throws IOException {
        List<Path> paths = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(listFile, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int split = lastWhitespace(text);
                if (split < 0) {
                    throw new DatasetFormatException(listFile, number, "expected 'path label', got '" + text + "'");
                }
                String pathText = text.substring(0, split).strip();
                String labelText = text.substring(split + 1);
                int label;
                try {
                    label = Integer.parseInt(labelText);
                } catch (NumberFormatException e) {
                    throw new DatasetFormatException(listFile, number, "label '" + labelText + "' is not an integer");
                }
                try {
                    Path path = Path.of(pathText);
                    paths.add(path.isAbsolute() ? path : listFile.resolveSibling(path));
                } catch (InvalidPathException e) {
                    throw new DatasetFormatException(listFile, number, "bad path '" + pathText + "': " + e.getReason());
                }
                labels.add(label);
            }
        }
        if (paths.isEmpty()) {
            throw new DatasetFormatException(listFile, 0, "no 'path label' lines");
        }
        return new ListFileDataset(listFile, new LabelledFiles(paths, labels.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static int lastWhitespace(String text) {
        for (int i = text.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    public Path listFile() {
        return listFile;
    }

}
