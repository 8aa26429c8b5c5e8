package vigil.data.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecodeException;
import vigil.data.image.ImageDecoder;

/**
 * An encoded image (JPEG, PNG, BMP, GIF bytes) held in memory, such as a record's image feature.
 * {@link ImageDecoder} reads files only, so the bytes go through a temporary file that is deleted
 * right after; errors name the record, not the temporary file. When ImageDecoder learns to
 * decode from memory, {@link #load()} is the one place to change.
 */
public record EncodedImageSource(String name, byte[] bytes) implements ImageSource {
    @Override
    public BgrImage load() throws IOException {
        Path tmp = Files.createTempFile("vigil-image-", ".bin");
        try {
            Files.write(tmp, bytes);
            return ImageDecoder.readBgr(tmp);
        } catch (ImageDecodeException e) {
            throw new IOException(e.getMessage().replace(tmp.toString(), name), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
