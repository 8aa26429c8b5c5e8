package vigil.data.video;

/** One frame's JPEG bytes in an AVI: where they start, how many, and the stream time slot they fill. */
record AviFrameChunk(long dataOffset, int size, int slot) {
}
