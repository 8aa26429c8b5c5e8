package vigil.data.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An encoded image held in memory, seen through the two reading interfaces {@link ImageDecoder} uses on
 * files: an ImageIO stream for the pixel decoder (with a known length, so a decoder that stops at the end
 * of the data is recognised as reading a truncated image) and a seekable channel for the metadata
 * readers (EXIF, PNG chunks). Both are read-only views; the array is not copied.
 */
final class EncodedBytes {
    private EncodedBytes() {
    }

    static javax.imageio.stream.ImageInputStream imageStream(byte[] bytes) {
        return new ImageInputStreamImpl() {
            @Override
            public int read() {
                bitOffset = 0;
                return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                bitOffset = 0;
                if (len == 0) {
                    return 0;
                }
                if (streamPos >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(len, bytes.length - streamPos);
                System.arraycopy(bytes, (int) streamPos, b, off, n);
                streamPos += n;
                return n;
            }

            @Override
            public long length() {
                return bytes.length;
            }
        };
    }

    static SeekableByteChannel channel(byte[] bytes) {
        return new SeekableByteChannel() {
            private long position;
            private boolean open = true;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                requireOpen();
                if (position >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(dst.remaining(), bytes.length - position);
                dst.put(bytes, (int) position, n);
                position += n;
                return n;
            }

            @Override
            public int write(ByteBuffer src) {
                throw new NonWritableChannelException();
            }

            @Override
            public long position() {
                return position;
            }

            @Override
            public SeekableByteChannel position(long newPosition) {
                if (newPosition < 0) {
                    throw new IllegalArgumentException("negative position " + newPosition);
                }
                position = newPosition;
                return this;
            }

            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public SeekableByteChannel truncate(long size) {
                throw new NonWritableChannelException();
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
            }

            private void requireOpen() throws IOException {
                if (!open) {
                    throw new java.nio.channels.ClosedChannelException();
                }
            }
        };
    }
}
