package vigil.data.dataset;

import java.io.IOException;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;

/**
 * An encoded image (JPEG, PNG, BMP, GIF bytes) held in memory, such as a record's image feature,
 * decoded straight from memory as {@link ImageDecoder} decodes a file (EXIF orientation included);
 * errors name the record.
 */
public record EncodedImageSource(String name, byte[] bytes) implements ImageSource {
    @Override
    public BgrImage load() throws IOException {
        return ImageDecoder.readBgr(bytes, name);
    }
}
