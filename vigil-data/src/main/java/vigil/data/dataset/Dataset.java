package vigil.data.dataset;

import java.io.IOException;

/**
 * A fixed, ordered collection of samples addressed by index 0..size()-1. The order is part of
 * the contract (the same files give the same order on every machine), because the loader's
 * seeded shuffles permute indices. Implementations are immutable after opening and safe to call
 * from several threads: the loader calls {@link #sample} on its workers.
 */
public interface Dataset {
    int size();

    /**
     * The sample at an index. May read a little (a record, a box file), never the image; failures
     * name the file and line or record.
     */
    Sample sample(int index) throws IOException;

    /** The label alone (the loader's label interleaving asks for all of them once). */
    default int label(int index) throws IOException {
        return sample(index).label();
    }
}
