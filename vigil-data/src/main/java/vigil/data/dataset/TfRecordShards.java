package vigil.data.dataset;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import vigil.data.tfrecord.TfRecord;
import vigil.data.tfrecord.TfRecordCompression;
import vigil.data.tfrecord.TfRecordIndex;
import vigil.data.tfrecord.TfRecordReadOptions;
import vigil.data.tfrecord.TfRecordReader;

/**
 * TFRecord files as one {@link RecordSource}: record i counts across the files in the order given.
 * Uncompressed files are indexed once (their 12-byte headers only, see {@link TfRecordIndex}) and
 * read by positional reads, checksums checked on every read. GZIP / ZLIB files have no random
 * access, so their records are read (and checked) once at open and held in memory: fine for small
 * shards, and a reason to write big ones uncompressed.
 */
public final class TfRecordShards implements RecordSource {
    private final List<Path> files;
    private final long[] firstIndex;
    private final TfRecordIndex[] indexes;
    private final byte[][][] inMemory;
    private final AtomicReferenceArray<FileChannel> channels;
    private final int size;
    private volatile boolean closed;

    private TfRecordShards(List<Path> files, long[] firstIndex, TfRecordIndex[] indexes, byte[][][] inMemory,
                           FileChannel[] channels) {
        this.files = files;
        this.firstIndex = firstIndex;
        this.indexes = indexes;
        this.inMemory = inMemory;
        this.channels = new AtomicReferenceArray<>(channels);
        this.size = (int) firstIndex[files.size()];
    }

    /** Opens and indexes the files (strictly: a corrupt header or truncation throws, naming file and offset). */
    public static TfRecordShards open(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("TfRecordShards: no files");
        }
        int n = files.size();
        long[] first = new long[n + 1];
        TfRecordIndex[] indexes = new TfRecordIndex[n];
        byte[][][] inMemory = new byte[n][][];
        FileChannel[] channels = new FileChannel[n];
        TfRecordShards shards = null;
        try {
            for (int f = 0; f < n; f++) {
                Path file = files.get(f);
                int count;
                if (TfRecordCompression.detect(file) == TfRecordCompression.NONE) {
                    indexes[f] = TfRecordIndex.build(file);
                    channels[f] = FileChannel.open(file, StandardOpenOption.READ);
                    count = indexes[f].size();
                } else {
                    inMemory[f] = readAll(file);
                    count = inMemory[f].length;
                }
                first[f + 1] = first[f] + count;
                if (first[f + 1] > Integer.MAX_VALUE - 8) {
                    throw new IOException(file + ": more than " + (Integer.MAX_VALUE - 8) + " records in all");
                }
            }
            shards = new TfRecordShards(List.copyOf(files), first, indexes, inMemory, channels);
            return shards;
        } finally {
            if (shards == null) {
                for (FileChannel c : channels) {
                    if (c != null) {
                        c.close();
                    }
                }
            }
        }
    }

    private static byte[][] readAll(Path file) throws IOException {
        List<byte[]> records = new ArrayList<>();
        try (TfRecordReader reader = TfRecordReader.open(file, TfRecordReadOptions.DEFAULTS)) {
            for (TfRecord r; (r = reader.next()) != null; ) {
                records.add(r.data());
            }
        }
        return records.toArray(byte[][]::new);
    }

    @Override
    public int size() {
        return size;
    }

    private int fileOf(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("record " + index + " of " + size);
        }
        int f = Arrays.binarySearch(firstIndex, index);
        // An exact hit is the first record of file f (skipping empty files); otherwise the insertion point - 1.
        if (f >= 0) {
            while (firstIndex[f + 1] == index) {
                f++;
            }
            return f;
        }
        return -f - 2;
    }

    @Override
    public byte[] read(int index) throws IOException {
        int f = fileOf(index);
        int local = (int) (index - firstIndex[f]);
        if (inMemory[f] != null) {
            return inMemory[f][local];
        }
        FileChannel channel = channels.get(f);
        try {
            return indexes[f].read(channel, local);
        } catch (ClosedChannelException e) {
            // Interrupting a thread in a channel read closes the channel for everyone (a loader
            // being closed does that); later readers get a fresh one.
            if (closed || Thread.currentThread().isInterrupted()) {
                throw e;
            }
            return indexes[f].read(reopen(f, channel), local);
        }
    }

    private synchronized FileChannel reopen(int f, FileChannel broken) throws IOException {
        if (channels.get(f) == broken) {
            channels.set(f, FileChannel.open(files.get(f), StandardOpenOption.READ));
        }
        return channels.get(f);
    }

    @Override
    public String name(int index) {
        int f = fileOf(index);
        return files.get(f) + ":" + (index - firstIndex[f]);
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        for (int f = 0; f < channels.length(); f++) {
            FileChannel c = channels.get(f);
            if (c != null) {
                c.close();
            }
        }
    }
}
