package vigil.data.tfrecord;

/**
 * One record read from a TFRecord file.
 *
 * @param offset byte offset of its header in the (decompressed) stream
 * @param data   its payload, owned by the caller
 */
public record TfRecord(long offset, byte[] data) {
}
