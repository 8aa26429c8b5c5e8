package vigil.data.video;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.VUIParameters;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.containers.mp4.MP4TrackType;
import org.jcodec.containers.mp4.demuxer.AbstractMP4DemuxerTrack;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.jcodec.containers.mp4.demuxer.MP4DemuxerTrack;

/**
 * The first video track of an MP4/MOV, checked to be H.264 that JCodec decodes (progressive, 8-bit,
 * 4:2:0), with its decoder primed with the SPS/PPS of the 'avcC' box and the colour signal the SPS
 * declares (video_full_range_flag and matrix_coefficients of the VUI; limited range and BT.601 when
 * the VUI is absent, as H.264 E.2.1 infers and as FFmpeg decodes them).
 */
record H264Track(MP4DemuxerTrack track, H264Decoder decoder, int codedWidth, int codedHeight, boolean fullRange,
        int matrixCoefficients) {

    /** What other sample-entry codes are, for the message that refuses them. */
    private static final Map<String, String> OTHER_CODECS = Map.ofEntries(
            Map.entry("mp4v", "MPEG-4 Part 2"), Map.entry("jpeg", "Motion JPEG"), Map.entry("mjpa", "Motion JPEG-A"),
            Map.entry("mjpb", "Motion JPEG-B"), Map.entry("hvc1", "H.265/HEVC"), Map.entry("hev1", "H.265/HEVC"),
            Map.entry("av01", "AV1"), Map.entry("vp09", "VP9"), Map.entry("vp08", "VP8"),
            Map.entry("s263", "H.263"), Map.entry("h263", "H.263"), Map.entry("apcn", "Apple ProRes"),
            Map.entry("apch", "Apple ProRes"), Map.entry("apcs", "Apple ProRes"), Map.entry("apco", "Apple ProRes"),
            Map.entry("mp4a", "AAC audio"), Map.entry("png ", "PNG"), Map.entry("raw ", "uncompressed"));

    static H264Track find(Path file, MP4Demuxer demuxer) throws IOException {
        List<AbstractMP4DemuxerTrack> tracks = demuxer.getTracks();
        for (int t = 0; t < tracks.size(); t++) {
            AbstractMP4DemuxerTrack candidate = tracks.get(t);
            if (candidate.getType() == MP4TrackType.VIDEO) {
                return open(file, t, candidate);
            }
        }
        throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, "no video track (" + tracks.size()
                + " track(s), none of them video)");
    }

    private static H264Track open(Path file, int number, AbstractMP4DemuxerTrack candidate) throws IOException {
        String fourcc = candidate.getFourcc();
        String where = "video track " + (number + 1);
        if (!"avc1".equals(fourcc) && !"avc3".equals(fourcc)) {
            String name = OTHER_CODECS.getOrDefault(fourcc, "an unknown codec");
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, where + " holds " + name + " ('"
                    + fourcc + "'), not H.264 ('avc1'); MP4/MOV files are read only with H.264 video");
        }
        ByteBuffer codecPrivate;
        try {
            codecPrivate = candidate.getMeta().getCodecPrivate();
        } catch (RuntimeException e) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, where
                    + ": corrupt 'avcC' box (H.264 parameter sets): " + e, e);
        }
        if (codecPrivate == null || !(candidate instanceof MP4DemuxerTrack track)) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, where
                    + " has no 'avcC' box with the H.264 parameter sets (SPS/PPS in the stream, 'avc3', is not read)");
        }
        SeqParameterSet sps = firstSps(file, where, codecPrivate);
        refuseUnsupported(file, where, sps);
        H264Decoder decoder;
        try {
            decoder = H264Decoder.createH264DecoderFromCodecPrivate(codecPrivate);
        } catch (RuntimeException e) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, where
                    + ": cannot read the H.264 parameter sets of its 'avcC' box: " + e, e);
        }
        VUIParameters vui = sps.vuiParams;
        boolean fullRange = vui != null && vui.videoSignalTypePresentFlag && vui.videoFullRangeFlag;
        int matrix = vui != null && vui.videoSignalTypePresentFlag && vui.colourDescriptionPresentFlag
                ? vui.matrixCoefficients : 2;
        int width = (sps.picWidthInMbsMinus1 + 1) * 16;
        int height = (sps.picHeightInMapUnitsMinus1 + 1) * 16;
        return new H264Track(track, decoder, width, height, fullRange, matrix);
    }

    private static SeqParameterSet firstSps(Path file, String where, ByteBuffer codecPrivate) throws IOException {
        try {
            List<ByteBuffer> raw = H264Utils.getRawSPS(codecPrivate.duplicate());
            if (!raw.isEmpty()) {
                return H264Utils.readSPS(raw.get(0));
            }
        } catch (RuntimeException e) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, where
                    + ": corrupt H.264 sequence parameter set in its 'avcC' box: " + e, e);
        }
        throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, where
                + ": its 'avcC' box holds no H.264 sequence parameter set");
    }

    /**
     * Stops the decoder's slice-decoding threads. JCodec 0.2.5 gives every H264Decoder its own fixed
     * pool (one daemon thread per core, started on the first multi-slice picture) and no way to close
     * it, so each reader of a multi-slice file would leave its threads behind; the private field is
     * reached by reflection. If a JCodec version renames it, the threads are left to the JVM (they
     * are daemons) rather than failing the close.
     */
    void release() {
        try {
            Field pool = H264Decoder.class.getDeclaredField("tp");
            pool.setAccessible(true);
            if (pool.get(decoder) instanceof ExecutorService threads) {
                threads.shutdownNow();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Nothing to release through this JCodec version's API; see above.
        }
    }

    /** What JCodec 0.2.5's decoder cannot do; refused up front rather than decoded into garbage. */
    private static void refuseUnsupported(Path file, String where, SeqParameterSet sps) throws IOException {
        String problem = null;
        if (sps.chromaFormatIdc != ColorSpace.YUV420J && sps.chromaFormatIdc != ColorSpace.YUV420) {
            problem = "chroma format " + sps.chromaFormatIdc + " (only 4:2:0 is decoded)";
        } else if (sps.bitDepthLumaMinus8 != 0 || sps.bitDepthChromaMinus8 != 0) {
            problem = (8 + sps.bitDepthLumaMinus8) + "-bit samples (only 8-bit is decoded)";
        } else if (!sps.frameMbsOnlyFlag) {
            problem = "interlaced (field or MBAFF) coding (only progressive frames are decoded)";
        }
        if (problem != null) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, where + " is H.264 profile_idc "
                    + sps.profileIdc + " with " + problem + ", which JCodec 0.2.5 does not support");
        }
    }
}
