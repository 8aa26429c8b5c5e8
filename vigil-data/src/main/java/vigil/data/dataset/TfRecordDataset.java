package vigil.data.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import vigil.data.example.Example;
import vigil.data.example.ExampleCodec;
import vigil.data.example.Feature;

/**
 * {@code tf.train.Example} records as samples, their features mapped by a {@link TfRecordSchema}.
 * Sample i is record i of the {@link RecordSource} (files in the order given, records in file
 * order); its id is {@code file:k}. A record is read and decoded when its sample is asked for (on
 * a loader worker), the image only when loaded. A record that cannot be read or lacks a required
 * feature throws an IOException naming it, which the loader can skip as a bad sample.
 */
public final class TfRecordDataset implements Dataset, Closeable {
    private static final int UNKNOWN = Integer.MIN_VALUE;

    private final RecordSource records;
    private final TfRecordSchema schema;
    // Labels seen so far (UNKNOWN until read); racing writers store the same value.
    private final int[] labels;

    public TfRecordDataset(RecordSource records, TfRecordSchema schema) {
        this.records = records;
        this.schema = schema;
        this.labels = new int[records.size()];
        Arrays.fill(labels, UNKNOWN);
    }

    /** TFRecord files (see {@link TfRecordShards} for compressed ones), in the order given. */
    public static TfRecordDataset open(List<Path> files, TfRecordSchema schema) throws IOException {
        return new TfRecordDataset(TfRecordShards.open(files), schema);
    }

    public TfRecordSchema schema() {
        return schema;
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public Sample sample(int index) throws IOException {
        String name = records.name(index);
        Example example = ExampleCodec.decode(records.read(index), name);
        int label = label(example, name);
        labels[index] = label;
        Sample sample = Sample.of(name, new EncodedImageSource(name, singleBytes(example, schema.image(), name)), label);
        if (schema.depthMap().isPresent() && example.has(schema.depthMap().get())) {
            sample = sample.withDepthMap(new EncodedImageSource(name + " depth map",
                    singleBytes(example, schema.depthMap().get(), name)));
        }
        if (schema.spoofType().isPresent() && example.has(schema.spoofType().get())) {
            sample = sample.withSpoofType(singleInt(example, schema.spoofType().get(), name));
        }
        Optional<String> box = schema.box();
        if (box.isPresent() && example.has(box.get())) {
            sample = sample.withBox(box(example, box.get(), name));
        }
        return sample;
    }

    /** Reads (and remembers) the record's label; the first call per record decodes it. */
    @Override
    public int label(int index) throws IOException {
        int known = labels[index];
        return known != UNKNOWN ? known : sample(index).label();
    }

    private int label(Example example, String name) throws IOException {
        return singleInt(example, schema.label(), name);
    }

    private static Feature require(Example example, String feature, String name) throws IOException {
        if (!example.has(feature)) {
            throw new IOException(name + ": no feature '" + feature + "' (the record has " + example.features().keySet() + ")");
        }
        return example.feature(feature);
    }

    private static byte[] singleBytes(Example example, String feature, String name) throws IOException {
        if (!(require(example, feature, name) instanceof Feature.BytesList list) || list.size() != 1) {
            throw new IOException(name + ": feature '" + feature + "' must be one bytes value, got "
                    + describe(example.feature(feature)));
        }
        return list.values().get(0);
    }

    private static int singleInt(Example example, String feature, String name) throws IOException {
        if (!(require(example, feature, name) instanceof Feature.Int64List list) || list.size() != 1
                || list.values()[0] != (int) list.values()[0]) {
            throw new IOException(name + ": feature '" + feature + "' must be one int64 value in int range, got "
                    + describe(example.feature(feature)));
        }
        return (int) list.values()[0];
    }

    private static Box box(Example example, String feature, String name) throws IOException {
        Feature f = require(example, feature, name);
        float[] v;
        if (f instanceof Feature.FloatList floats && floats.size() == 4) {
            v = floats.values();
        } else if (f instanceof Feature.Int64List ints && ints.size() == 4) {
            long[] l = ints.values();
            v = new float[] {l[0], l[1], l[2], l[3]};
        } else {
            throw new IOException(name + ": feature '" + feature + "' must be 4 float or int64 values (x, y, width, height),"
                    + " got " + describe(f));
        }
        try {
            return Box.pixels(v[0], v[1], v[2], v[3]);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": feature '" + feature + "': " + e.getMessage(), e);
        }
    }

    private static String describe(Feature f) {
        return f.size() + " " + f.typeName() + " value" + (f.size() == 1 ? "" : "s");
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
