package vigil.data.video;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.jcodec.containers.mp4.MP4Packet;
import org.jcodec.containers.mp4.demuxer.MP4DemuxerTrack;

/**
 * The presentation times of an MP4/MOV video track's samples, read once from the sample table
 * before decoding (JCodec only exposes the table by walking it), and the samples the file still
 * holds: a recording cut inside 'mdat' keeps its full table in a 'moov' written first, but loses
 * the samples past the cut.
 *
 * @param ptsInDecodeOrder  presentation time of each complete sample, in track timescale units,
 *                          after the edit list (so the first shown frame is at 0 in an ffmpeg file)
 * @param presentationOrder decode indices sorted by presentation time (the order frames are shown)
 * @param declaredSamples   how many samples the sample table lists
 * @param timescale         track time units per second
 */
record Mp4SampleIndex(long[] ptsInDecodeOrder, int[] presentationOrder, int declaredSamples, long timescale) {
    int completeSamples() {
        return ptsInDecodeOrder.length;
    }

    boolean truncated() {
        return completeSamples() < declaredSamples;
    }

    double secondsAt(int decodeIndex) {
        return (double) ptsInDecodeOrder[decodeIndex] / timescale;
    }

    /** Walks the whole track (reading each sample's bytes: JCodec has no size-only walk), then rewinds it. */
    static Mp4SampleIndex scan(Path file, MP4DemuxerTrack track) throws IOException {
        long declared = track.getFrameCount();
        long timescale = track.getTimescale();
        if (timescale <= 0) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, "video track has timescale "
                    + timescale + " in its 'mdhd' box; it must be positive");
        }
        // Grown as samples arrive: a corrupt table may claim billions of samples the file does not hold.
        long[] pts = new long[(int) Math.max(1, Math.min(declared, 4096))];
        int n = 0;
        try {
            for (MP4Packet p = track.nextFrame(); p != null && n < declared; p = track.nextFrame()) {
                if (n == pts.length) {
                    pts = Arrays.copyOf(pts, n * 2);
                }
                if (p.getPts() < 0) {
                    throw new VideoDecodeException(file, p.getFileOff(), "video sample " + n + " is presented at "
                            + p.getPts() + "/" + timescale + " s, before the start of the edit list: edit lists that"
                            + " hide frames are not supported");
                }
                pts[n++] = p.getPts();
            }
            if (!track.gotoFrame(0)) {
                throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET, "cannot rewind the video track");
            }
        } catch (RuntimeException e) {
            throw new VideoDecodeException(file, VideoDecodeException.NO_OFFSET,
                    "corrupt sample table of the video track (reading sample " + n + "): " + e, e);
        }
        long[] complete = Arrays.copyOf(pts, n);
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> complete[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        return new Mp4SampleIndex(complete, order, (int) Math.min(declared, Integer.MAX_VALUE), timescale);
    }
}
