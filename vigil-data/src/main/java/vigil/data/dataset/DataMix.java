package vigil.data.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vigil.tensor.init.Rng;

/**
 * A data-mix config: which folders make up a training set, with which label, in what amount.
 *
 * <p>Format (UTF-8): one {@code label source ratio} entry per line. The label is the first field
 * (an integer), the ratio the last (a number), the source folder everything between (trimmed, so
 * it may contain spaces); a relative source is resolved against the config's folder. Blank lines
 * and lines starting with '#' are skipped. The images of a source are all image files below it
 * ({@link ImageFileTree} order).
 *
 * <p>Selection, seeded and deterministic ({@link #build}):
 * <ul>
 *   <li>{@code 0 < ratio <= 1}: keep {@code round(ratio * n)} (half up) of the source's n images,
 *       a uniformly random subset; ratio 1 keeps all.</li>
 *   <li>{@code ratio > 1} (a whole number): a cap per sub-folder. The source's images are grouped
 *       by the sub-folder directly inside the source that holds them (at any depth below it);
 *       images lying directly in the source form one more group. Each group keeps
 *       {@code min(ratio, its size)} of its images, a uniformly random subset.</li>
 * </ul>
 * Entry i (0-based, in file order) draws from {@code new Rng(seed).fork(i)}; a fraction uses that
 * generator, group g (0-based, groups sorted by name with the source's own files first) uses
 * {@code .fork(g)} of it; a subset is the first k of a Fisher-Yates shuffle of the candidates.
 * The same files, seed and line position select the same images, whatever the other lines say. Kept
 * images stay in listing order; the mixed dataset holds entry after entry. Balancing live and
 * spoof is the loader's job ({@code vigil.data.loader.Interleave}), done per epoch.
 */
public final class DataMix {
    private final Path configFile;
    private final List<DataMixEntry> entries;

    public DataMix(Path configFile, List<DataMixEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(configFile + ": a data mix needs at least one entry");
        }
        this.configFile = configFile;
        this.entries = List.copyOf(entries);
    }

    /** Parses a config; a malformed line fails with a {@link DatasetFormatException} naming file:line. */
    public static DataMix parse(Path configFile) throws IOException {
        List<DataMixEntry> entries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String text = line.strip();
                if (!text.isEmpty() && !text.startsWith("#")) {
                    entries.add(parseLine(configFile, number, text));
                }
            }
        }
        if (entries.isEmpty()) {
            throw new DatasetFormatException(configFile, 0, "no 'label source ratio' lines");
        }
        return new DataMix(configFile, entries);
    }

    private static DataMixEntry parseLine(Path configFile, int number, String text) throws DatasetFormatException {
        String[] fields = text.split("\\s+");
        if (fields.length < 3) {
            throw new DatasetFormatException(configFile, number, "expected 'label source ratio', got '" + text + "'");
        }
        int label;
        double ratio;
        try {
            label = Integer.parseInt(fields[0]);
        } catch (NumberFormatException e) {
            throw new DatasetFormatException(configFile, number, "label '" + fields[0] + "' is not an integer");
        }
        String ratioText = fields[fields.length - 1];
        try {
            ratio = Double.parseDouble(ratioText);
        } catch (NumberFormatException e) {
            throw new DatasetFormatException(configFile, number, "ratio '" + ratioText + "' is not a number");
        }
        String sourceText = text.substring(fields[0].length(), text.length() - ratioText.length()).strip();
        try {
            Path source = Path.of(sourceText);
            return new DataMixEntry(label, source.isAbsolute() ? source : configFile.resolveSibling(source), ratio,
                    number);
        } catch (InvalidPathException e) {
            throw new DatasetFormatException(configFile, number, "bad source '" + sourceText + "': " + e.getReason());
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(configFile, number, e.getMessage());
        }
    }

    public Path configFile() {
        return configFile;
    }

    public List<DataMixEntry> entries() {
        return entries;
    }

    /** Lists every source and selects its images; a missing or image-less source fails naming file:line. */
    public MixedDataset build(long seed) throws IOException {
        Rng root = new Rng(seed);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int[] available = new int[entries.size()];
        int[] selected = new int[entries.size()];
        for (int e = 0; e < entries.size(); e++) {
            DataMixEntry entry = entries.get(e);
            if (!Files.isDirectory(entry.source())) {
                throw new DatasetFormatException(configFile, entry.line(), "source " + entry.source() + " is not a folder");
            }
            List<Path> images = ImageFileTree.list(entry.source());
            if (images.isEmpty()) {
                throw new DatasetFormatException(configFile, entry.line(), "source " + entry.source()
                        + " holds no .jpg/.jpeg/.png/.bmp/.gif file");
            }
            List<Path> kept = select(entry, images, root.fork(e));
            available[e] = images.size();
            selected[e] = kept.size();
            for (Path file : kept) {
                files.add(file);
                labels.add(entry.label());
            }
        }
        if (files.isEmpty()) {
            throw new DatasetFormatException(configFile, 0, "the ratios select no image at all");
        }
        return new MixedDataset(this, new LabelledFiles(files, labels.stream().mapToInt(Integer::intValue).toArray()),
                available, selected);
    }

    private static List<Path> select(DataMixEntry entry, List<Path> images, Rng rng) {
        boolean[] keep = new boolean[images.size()];
        if (!entry.isCap()) {
            markSubset(allIndices(images.size()), entry.fractionOf(images.size()), rng, keep);
        } else {
            Map<String, List<Integer>> groups = new TreeMap<>();
            groups.put("", new ArrayList<>());
            for (int i = 0; i < images.size(); i++) {
                groups.computeIfAbsent(topFolder(entry.source(), images.get(i)), k -> new ArrayList<>()).add(i);
            }
            int cap = (int) Math.min(Integer.MAX_VALUE, entry.ratio());
            int g = 0;
            for (List<Integer> group : groups.values()) {
                int[] members = group.stream().mapToInt(Integer::intValue).toArray();
                markSubset(members, Math.min(cap, members.length), rng.fork(g++), keep);
            }
        }
        List<Path> kept = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                kept.add(images.get(i));
            }
        }
        return kept;
    }

    /** Marks the first k of a seeded Fisher-Yates shuffle of the candidates (all of them when k >= their count). */
    private static void markSubset(int[] candidates, int k, Rng rng, boolean[] keep) {
        int[] order = candidates.clone();
        if (k < order.length) {
            rng.shuffle(order);
        }
        for (int i = 0; i < Math.min(k, order.length); i++) {
            keep[order[i]] = true;
        }
    }

    private static int[] allIndices(int n) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }

    /** The name of the sub-folder directly inside source that holds the image ("" when it lies in source). */
    private static String topFolder(Path source, Path image) {
        Path relative = source.relativize(image);
        return relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
    }
}
