package vigil.data.video;

/** What a reader does with a last frame whose data the file cuts off (a recording that was interrupted). */
public enum TruncatedFramePolicy {
    /** Throw a {@link VideoDecodeException} naming the file and the byte offset of the cut frame. */
    FAIL,
    /** Deliver the complete frames, drop the cut one, and count it in {@link VideoSource#skippedFrames()}. */
    SKIP
}
