package vigil.cli.records;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import vigil.data.example.Example;
import vigil.data.example.ExampleCodec;
import vigil.data.example.Feature;
import vigil.data.tfrecord.TfRecord;
import vigil.data.tfrecord.TfRecordCompression;
import vigil.data.tfrecord.TfRecordCorruptException;
import vigil.data.tfrecord.TfRecordReadOptions;
import vigil.data.tfrecord.TfRecordReader;
import vigil.tensor.io.protobuf.ProtobufFormatException;

/**
 * What a TFRecord file of tf.train.Example holds: good records, corrupt ones (bad framing or
 * checksum, or a record that is not an Example), and per feature name its type and the range of
 * its value counts over all good records (a record without the feature counts 0).
 *
 * @param features by name, sorted; type "bytes", "float" or "int64" ("none" if only kind-less
 *                 Features were seen, "mixed" if records disagree)
 */
public record FileInspection(Path path, TfRecordCompression compression, long records, long corrupt,
                             Map<String, FeatureRange> features) {

    public record FeatureRange(String type, int minLen, int maxLen) {
    }

    /** Reads the whole file, skipping and counting corruption; each problem is passed to {@code problems}. */
    public static FileInspection of(Path file, Consumer<String> problems) throws IOException {
        Map<String, Accumulator> acc = new TreeMap<>();
        long records = 0;
        long badExamples = 0;
        try (TfRecordReader reader = TfRecordReader.open(file, TfRecordReadOptions.DEFAULTS.withSkipCorrupt(true))) {
            for (TfRecord rec; (rec = reader.next()) != null; ) {
                Example e;
                try {
                    e = ExampleCodec.decode(rec.data(), file + " record at byte " + rec.offset());
                } catch (ProtobufFormatException bad) {
                    badExamples++;
                    problems.accept("not a tf.train.Example: " + bad.getMessage());
                    continue;
                }
                records++;
                for (Map.Entry<String, Feature> f : e.features().entrySet()) {
                    acc.computeIfAbsent(f.getKey(), k -> new Accumulator()).add(f.getValue());
                }
            }
            for (TfRecordCorruptException c : reader.corruptions()) {
                problems.accept(c.getMessage());
            }
            if (reader.corruptCount() > reader.corruptions().size()) {
                problems.accept(file + ": and " + (reader.corruptCount() - reader.corruptions().size())
                        + " more corrupt records");
            }
            Map<String, FeatureRange> features = new LinkedHashMap<>();
            for (Map.Entry<String, Accumulator> a : acc.entrySet()) {
                features.put(a.getKey(), a.getValue().range(records));
            }
            return new FileInspection(file, reader.compression(), records, reader.corruptCount() + badExamples, features);
        }
    }

    /** "PATH: n records, k corrupt (GZIP)" then one line per feature: name, type, min..max values. */
    public List<String> text() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s: %d records, %d corrupt (%s)", path, records, corrupt, compression));
        int width = features.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, FeatureRange> f : features.entrySet()) {
            FeatureRange r = f.getValue();
            String range = r.minLen() == r.maxLen() ? String.valueOf(r.minLen()) : r.minLen() + ".." + r.maxLen();
            lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %-5s  %s values", f.getKey(), r.type(), range));
        }
        return lines;
    }

    /** {"files":[{"path":..., "records":n, "corrupt":k, "features":{name:{"type","min_len","max_len"}}}]} */
    public static String json(List<FileInspection> results) {
        List<Object> files = new ArrayList<>();
        for (FileInspection r : results) {
            Map<String, Object> features = new LinkedHashMap<>();
            for (Map.Entry<String, FeatureRange> f : r.features().entrySet()) {
                Map<String, Object> range = new LinkedHashMap<>();
                range.put("type", f.getValue().type());
                range.put("min_len", f.getValue().minLen());
                range.put("max_len", f.getValue().maxLen());
                features.put(f.getKey(), range);
            }
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", r.path().toString());
            file.put("records", r.records());
            file.put("corrupt", r.corrupt());
            file.put("features", features);
            files.add(file);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("files", files);
        return vigil.tensor.io.Json.write(doc);
    }

    private static final class Accumulator {
        private String type = "none";
        private int min = Integer.MAX_VALUE;
        private int max;
        private long present;

        void add(Feature f) {
            String t = f.typeName();
            if (type.equals("none")) {
                type = t;
            } else if (!t.equals("none") && !t.equals(type)) {
                type = "mixed";
            }
            min = Math.min(min, f.size());
            max = Math.max(max, f.size());
            present++;
        }

        FeatureRange range(long records) {
            return new FeatureRange(type, present < records ? 0 : min, max);
        }
    }
}
