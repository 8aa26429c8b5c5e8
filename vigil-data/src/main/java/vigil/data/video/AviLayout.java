package vigil.data.video;

import java.util.List;

/**
 * Where an AVI's frames are: the video stream's headers, its complete non-empty frame chunks in
 * order, and, when the file is cut short, the byte offset of the first chunk it cuts (else -1).
 */
record AviLayout(AviVideoStream video, List<AviFrameChunk> frames, long truncatedAt, String truncation,
        boolean fromIndex) {
    boolean truncated() {
        return truncatedAt >= 0;
    }
}
