package vigil.data.video;

/**
 * What an AVI's headers say about its video: the main header's {@code dwMicroSecPerFrame}, the
 * first video stream's number (its chunks are {@code NNdc} / {@code NNdb}), codec, size, and time
 * base: the stream's slot k is shown at {@code (start + k) * scale / rate} seconds.
 */
record AviVideoStream(int streamNumber, String handler, String compression, int width, int height,
        long scale, long rate, long start, long microSecPerFrame) {

    /** The two chunk ids of this stream's frames: compressed ('dc') and uncompressed ('db'). */
    boolean isFrameChunk(String fourcc) {
        String prefix = String.format("%02d", streamNumber);
        return fourcc.startsWith(prefix) && (fourcc.endsWith("dc") || fourcc.endsWith("db"));
    }

    boolean hasTimeBase() {
        return scale > 0 && rate > 0;
    }

    /** Frames per second, from the stream's rate / scale, else the main header's microseconds per frame. */
    double framesPerSecond() {
        return hasTimeBase() ? (double) rate / scale : 1e6 / microSecPerFrame;
    }

    /** Presentation time of slot k (empty 'drop' chunks take a slot too, so time stays right after them). */
    double secondsAt(int slot) {
        return hasTimeBase() ? (double) (start + slot) * scale / rate : slot * microSecPerFrame / 1e6;
    }
}
