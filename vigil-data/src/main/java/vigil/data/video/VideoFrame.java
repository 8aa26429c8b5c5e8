package vigil.data.video;

import java.util.Objects;
import vigil.data.image.BgrImage;

/**
 * One decoded frame: its pixels, its 0-based position among the frames the source delivered, and
 * its presentation time in seconds from the start of the stream (from the container's timing, so
 * it need not be index / fps when frames are dropped or delays vary).
 */
public record VideoFrame(BgrImage image, int index, double timestampSeconds) {
    public VideoFrame {
        Objects.requireNonNull(image, "image");
        if (index < 0) {
            throw new IllegalArgumentException("VideoFrame index must be >= 0, got " + index);
        }
        if (!(timestampSeconds >= 0) || Double.isInfinite(timestampSeconds)) {
            throw new IllegalArgumentException("VideoFrame timestamp must be finite and >= 0, got " + timestampSeconds);
        }
    }
}
