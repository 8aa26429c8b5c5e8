package vigil.data.video;

/**
 * The 8-byte header of a RIFF chunk at {@code offset}: a four-character code and the little-endian
 * size of the data that follows. Chunks with an odd size are followed by one pad byte, so the next
 * chunk starts at {@link #end()}.
 */
record RiffChunkHeader(long offset, String fourcc, long size) {
    static final int BYTES = 8;

    long dataOffset() {
        return offset + BYTES;
    }

    /** Where the next sibling chunk starts (data plus the pad byte of an odd size). */
    long end() {
        return dataOffset() + size + (size & 1);
    }

    boolean isList() {
        return fourcc.equals("LIST") || fourcc.equals("RIFF");
    }

    /** Whether the id is four printable ASCII characters, as every RIFF id is. */
    boolean hasPrintableId() {
        for (int i = 0; i < fourcc.length(); i++) {
            char c = fourcc.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return fourcc.length() == 4;
    }
}
