package vigil.data.video;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.h264.io.model.Frame;
import org.jcodec.common.io.FileChannelWrapper;
import org.jcodec.common.model.Rect;
import org.jcodec.containers.mp4.MP4Packet;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.jcodec.containers.mp4.demuxer.MP4DemuxerTrack;

/**
 * H.264 video in MP4, MOV or M4V, in pure Java: JCodec's MP4 demuxer and H.264 decoder (progressive
 * 8-bit 4:2:0; Baseline, Main and High profiles, CAVLC and CABAC, B-frames). Frames are delivered in
 * presentation order (the decoder works in decode order; frames decoded ahead are held until their
 * turn), timed by the sample table (pts / timescale after the edit list), so a variable-frame-rate
 * file gives its real times. Pixels are converted with the range and matrix the SPS declares
 * ({@link YuvToBgrConverter#forH264}); {@link #nextPicture()} gives the planes before conversion.
 *
 * <p>Faults are {@link VideoDecodeException}s naming the file: a cut or corrupt header names the box
 * ({@link IsoBoxLayout}); a non-H.264 track names its codec; a decoding failure names the sample. A
 * file cut inside 'mdat' (its 'moov' written first) delivers every complete sample's frame, then fails
 * or, with {@link TruncatedFramePolicy#SKIP}, ends there and counts the lost samples in
 * {@link #skippedFrames()}.
 */
public final class H264Mp4Reader implements VideoSource {
    private final Path file;
    private final MP4Demuxer demuxer;
    private final MP4DemuxerTrack track;
    private final H264Track h264;
    private final Mp4SampleIndex index;
    private final H264Decoder decoder;
    private final YuvToBgrConverter converter;
    private final int codedLumaSamples;
    private final TruncatedFramePolicy onTruncated;
    private final long fileSize;
    private final Map<Integer, Yuv420Picture> decodedAhead = new HashMap<>();
    private int decoded;
    private int delivered;
    private int skipped;

    private H264Mp4Reader(Path file, MP4Demuxer demuxer, H264Track h264, Mp4SampleIndex index,
            TruncatedFramePolicy onTruncated, long fileSize) {
        this.file = file;
        this.demuxer = demuxer;
        this.track = h264.track();
        this.h264 = h264;
        this.index = index;
        this.decoder = h264.decoder();
        this.converter = YuvToBgrConverter.forH264(h264.fullRange(), h264.matrixCoefficients());
        this.codedLumaSamples = h264.codedWidth() * h264.codedHeight();
        this.onTruncated = onTruncated;
        this.fileSize = fileSize;
    }

    /** Checks the boxes, finds the H.264 track and reads its sample table; pixels are decoded by {@link #next()}. */
    public static H264Mp4Reader open(Path file, TruncatedFramePolicy onTruncated) throws IOException {
        JCodecLogging.install();
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, "cannot open: " + e, e);
        }
        try {
            IsoBoxLayout.Found layout = IsoBoxLayout.check(file, channel);
            MP4Demuxer demuxer;
            try {
                demuxer = MP4Demuxer.createMP4Demuxer(new FileChannelWrapper(channel));
            } catch (RuntimeException e) {
                throw new VideoDecodeException(file, layout.moovOffset(), "cannot parse the 'moov' box: " + e, e);
            }
            H264Track h264 = H264Track.find(file, demuxer);
            Mp4SampleIndex index = Mp4SampleIndex.scan(file, h264.track());
            return new H264Mp4Reader(file, demuxer, h264, index, onTruncated, layout.fileSize());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public Path path() {
        return file;
    }

    /**
     * The average presentation rate, (frames - 1) / (last - first presentation time), over the
     * complete samples: exactly the nominal rate of a constant-rate file, the mean rate of a
     * variable one, and independent of the duration a muxer gives the last sample. Empty for a
     * single frame.
     */
    @Override
    public OptionalDouble frameRate() {
        int n = index.completeSamples();
        if (n < 2) {
            return OptionalDouble.empty();
        }
        int[] order = index.presentationOrder();
        double span = index.secondsAt(order[n - 1]) - index.secondsAt(order[0]);
        return span > 0 ? OptionalDouble.of((n - 1) / span) : OptionalDouble.empty();
    }

    /** The complete samples the file holds (samples cut off by a truncation are not counted). */
    @Override
    public OptionalInt frameCount() {
        return OptionalInt.of(index.completeSamples());
    }

    @Override
    public int skippedFrames() {
        return skipped;
    }

    @Override
    public Optional<VideoFrame> next() throws VideoDecodeException {
        int frame = delivered;
        Optional<Yuv420Picture> picture = nextPicture();
        if (picture.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VideoFrame(converter.convert(picture.get()), frame, timestampSeconds(frame)));
    }

    /** The presentation time, in seconds, of frame i in presentation order (0 <= i < frameCount()). */
    public double timestampSeconds(int frame) {
        if (frame < 0 || frame >= index.completeSamples()) {
            throw new IndexOutOfBoundsException(file + ": frame " + frame + " of " + index.completeSamples());
        }
        return index.secondsAt(index.presentationOrder()[frame]);
    }

    /** The colour conversion {@link #next()} applies, as the stream declares it. */
    public YuvToBgrConverter converter() {
        return converter;
    }

    /** The next frame's decoded planes, in presentation order, or empty after the last one. */
    public Optional<Yuv420Picture> nextPicture() throws VideoDecodeException {
        if (delivered >= index.completeSamples()) {
            if (index.truncated() && skipped == 0) {
                int lost = index.declaredSamples() - index.completeSamples();
                if (onTruncated == TruncatedFramePolicy.FAIL) {
                    throw new VideoDecodeException(file, fileSize, "truncated: the sample table lists "
                            + index.declaredSamples() + " video samples but the file ends inside sample "
                            + index.completeSamples() + " (decode order); " + lost + " sample(s) lost");
                }
                skipped = lost;
            }
            return Optional.empty();
        }
        int wanted = index.presentationOrder()[delivered];
        while (!decodedAhead.containsKey(wanted)) {
            decodedAhead.put(decoded, decodeSample(decoded));
            decoded++;
        }
        delivered++;
        return Optional.of(decodedAhead.remove(wanted));
    }

    private Yuv420Picture decodeSample(int sample) throws VideoDecodeException {
        MP4Packet packet;
        try {
            packet = track.nextFrame();
        } catch (IOException | RuntimeException e) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, "reading video sample " + sample
                    + " (decode order): " + e, e);
        }
        if (packet == null) {
            throw new VideoDecodeException(file, fileSize, "video sample " + sample
                    + " (decode order) is gone (the file shrank after opening?)");
        }
        Frame frame;
        try {
            // A fresh buffer per picture: the decoder keeps decoded pictures as references for later ones.
            frame = decoder.decodeFrame(packet.getData(), new byte[3][codedLumaSamples]);
        } catch (RuntimeException | StackOverflowError e) {
            throw new VideoDecodeException(file, packet.getFileOff(), "H.264 decoding failed in video sample "
                    + sample + " (decode order; frame " + delivered + " is next to be shown): " + e, e);
        }
        if (frame == null) {
            throw new VideoDecodeException(file, packet.getFileOff(), "video sample " + sample
                    + " (decode order) holds no decodable H.264 picture");
        }
        return cropped(frame);
    }

    /**
     * The display window of a decoded picture as unsigned planes. JCodec 0.2 stores 8-bit samples
     * as signed bytes offset by -128 (so that 0 is mid-grey), hence the +128; its crop rectangle is
     * the SPS frame cropping, in luma samples.
     */
    private static Yuv420Picture cropped(Frame frame) {
        Rect crop = frame.getCrop();
        int x0 = crop == null ? 0 : crop.getX();
        int y0 = crop == null ? 0 : crop.getY();
        int w = crop == null ? frame.getWidth() : crop.getWidth();
        int h = crop == null ? frame.getHeight() : crop.getHeight();
        byte[] y = plane(frame.getPlaneData(0), frame.getPlaneWidth(0), x0, y0, w, h);
        byte[] u = plane(frame.getPlaneData(1), frame.getPlaneWidth(1), x0 / 2, y0 / 2, (w + 1) / 2, (h + 1) / 2);
        byte[] v = plane(frame.getPlaneData(2), frame.getPlaneWidth(2), x0 / 2, y0 / 2, (w + 1) / 2, (h + 1) / 2);
        return new Yuv420Picture(w, h, y, u, v);
    }

    private static byte[] plane(byte[] data, int stride, int x0, int y0, int w, int h) {
        byte[] out = new byte[w * h];
        for (int row = 0; row < h; row++) {
            int from = (row + y0) * stride + x0;
            for (int x = 0; x < w; x++) {
                out[row * w + x] = (byte) (data[from + x] + 128);
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        decodedAhead.clear();
        h264.release();
        demuxer.close();
    }
}
