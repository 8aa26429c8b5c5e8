package vigil.data.dataset;

import java.io.Closeable;
import java.io.IOException;

/**
 * Random access to serialized records (e.g. {@code tf.train.Example}s) spread over files. Safe to
 * call from several threads at once. {@link TfRecordShards} reads TFRecord files.
 */
public interface RecordSource extends Closeable {
    int size();

    /** Record i's payload, checked (a bad checksum or truncation throws, naming file and offset). */
    byte[] read(int index) throws IOException;

    /** A stable name for record i: {@code file:k} for the k-th record (0-based) of its file. */
    String name(int index);
}
