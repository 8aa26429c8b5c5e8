package vigil.data.dataset;

import java.io.IOException;
import java.nio.file.Path;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;

/**
 * Where a sample's pixels come from. Loading is deferred to {@link #load()} so that listing a
 * dataset of millions of images costs no decoding; the loader calls it on a worker thread, so an
 * implementation must be safe to call from several threads at once.
 */
@FunctionalInterface
public interface ImageSource {
    /** Decodes the image; failures name the file (or record) they came from. */
    BgrImage load() throws IOException;

    /** An image file, decoded with {@link ImageDecoder}'s default pixel limit. */
    static ImageSource file(Path file) {
        return () -> ImageDecoder.readBgr(file);
    }
}
