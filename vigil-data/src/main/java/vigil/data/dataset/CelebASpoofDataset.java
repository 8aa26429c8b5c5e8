package vigil.data.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vigil.tensor.io.Json;

/**
 * A CelebA-Spoof label file ({@code metas/intra_test/train_label.json} and the like): one JSON
 * object mapping an image path, relative to the dataset root (the folder holding {@code Data/}),
 * to a list of 44 integers. Per the dataset's README, indices 0..39 are the CelebA face
 * attributes, 40 the spoof type (0 live, 1 photo, 2 poster, 3 A4, 4 face mask, 5 upper-body mask,
 * 6 region mask, 7 PC, 8 pad, 9 phone, 10 3D mask), 41 the illumination, 42 the environment and
 * 43 live (0) / spoof (1). What is taken: label = index 43 (so 0 means live here, unlike
 * Silent-Face's 1), spoof type = index 40; the rest is checked for shape and ignored.
 *
 * <p>With boxes on, each image's face box is read, when its sample is built, from the sibling
 * {@code <image without extension>_BB.txt} whose first line is {@code x y w h score} in a
 * 224 x 224 frame (the dataset's own convention, scaled to the real image size by
 * {@link Box#inImage}). Samples keep the JSON file's key order; a sample's id is root + key.
 */
public final class CelebASpoofDataset implements Dataset {
    public static final int LABEL_COUNT = 44;
    public static final int SPOOF_TYPE_INDEX = 40;
    public static final int LIVE_SPOOF_INDEX = 43;
    /** The side of the square frame CelebA-Spoof's {@code _BB.txt} boxes are written in. */
    public static final int BOX_FRAME = 224;
    private static final int MAX_SPOOF_TYPE = 10;

    private final Path labelFile;
    private final Path[] files;
    private final byte[] labels;
    private final byte[] spoofTypes;
    private final boolean readBoxes;

    private CelebASpoofDataset(Path labelFile, Path[] files, byte[] labels, byte[] spoofTypes, boolean readBoxes) {
        this.labelFile = labelFile;
        this.files = files;
        this.labels = labels;
        this.spoofTypes = spoofTypes;
        this.readBoxes = readBoxes;
    }

    /** Reads the whole label file (the JSON parser holds it in memory: about 0.2 KB per image). */
    public static CelebASpoofDataset open(Path labelFile, Path root, boolean readBoxes) throws IOException {
        Map<String, Object> entries;
        try {
            entries = Json.parseObject(Files.readString(labelFile, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(labelFile, 0, "not a JSON object of image -> labels: " + e.getMessage());
        }
        List<Path> files = new ArrayList<>(entries.size());
        byte[] labels = new byte[entries.size()];
        byte[] types = new byte[entries.size()];
        int i = 0;
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            if (!(entry.getValue() instanceof List<?> values) || values.size() != LABEL_COUNT
                    || !values.stream().allMatch(v -> v instanceof Long)) {
                throw new DatasetFormatException(labelFile, 0, "'" + entry.getKey() + "' must map to a list of "
                        + LABEL_COUNT + " integers, got " + Json.write(entry.getValue()));
            }
            long liveSpoof = (Long) values.get(LIVE_SPOOF_INDEX);
            long type = (Long) values.get(SPOOF_TYPE_INDEX);
            if (liveSpoof != 0 && liveSpoof != 1) {
                throw new DatasetFormatException(labelFile, 0, "'" + entry.getKey() + "': index " + LIVE_SPOOF_INDEX
                        + " (live 0 / spoof 1) is " + liveSpoof);
            }
            if (type < 0 || type > MAX_SPOOF_TYPE) {
                throw new DatasetFormatException(labelFile, 0, "'" + entry.getKey() + "': index " + SPOOF_TYPE_INDEX
                        + " (spoof type 0.." + MAX_SPOOF_TYPE + ") is " + type);
            }
            files.add(root.resolve(entry.getKey()));
            labels[i] = (byte) liveSpoof;
            types[i] = (byte) type;
            i++;
        }
        if (files.isEmpty()) {
            throw new DatasetFormatException(labelFile, 0, "no images");
        }
        return new CelebASpoofDataset(labelFile, files.toArray(Path[]::new), labels, types, readBoxes);
    }

    public Path labelFile() {
        return labelFile;
    }

    @Override
    public int size() {
        return files.length;
    }

    @Override
    public Sample sample(int index) throws IOException {
        Path file = files[index];
        Sample sample = Sample.of(file.toString(), ImageSource.file(file), labels[index])
                .withSpoofType(spoofTypes[index]);
        return readBoxes ? sample.withBox(readBox(file)) : sample;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    /** The box from {@code <image without extension>_BB.txt}: "x y w h score" in the 224 x 224 frame. */
    static Box readBox(Path image) throws IOException {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path boxFile = image.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "_BB.txt");
        List<String> lines;
        try {
            lines = Files.readAllLines(boxFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DatasetFormatException(boxFile, 0, "missing (the face box of " + image + ")");
        }
        String[] fields = lines.isEmpty() ? new String[0] : lines.get(0).strip().split("\\s+");
        if (fields.length < 4) {
            throw new DatasetFormatException(boxFile, 1, "expected 'x y w h score', got '"
                    + (lines.isEmpty() ? "" : lines.get(0)) + "'");
        }
        try {
            return new Box(Float.parseFloat(fields[0]), Float.parseFloat(fields[1]), Float.parseFloat(fields[2]),
                    Float.parseFloat(fields[3]), BOX_FRAME, BOX_FRAME);
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(boxFile, 1, "bad box '" + lines.get(0) + "': " + e.getMessage());
        }
    }
}
