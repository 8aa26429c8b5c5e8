package vigil.liveness.blink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vigil.data.video.FrameFolderReader;
import vigil.data.video.TruncatedFramePolicy;
import vigil.data.video.VideoDecodeException;
import vigil.data.video.VideoFrame;
import vigil.data.video.VideoSource;

/**
 * The blink reading of a whole video: frame count, frame rate (the container's, else estimated
 * from the timestamps), the blinks and every frame's reading. {@link #analyse} streams the file
 * (MJPEG AVI, animated GIF) or a folder of numbered frames through a {@link BlinkDetector}; a
 * truncated or unsupported file fails with the reader's {@link VideoDecodeException}, which names
 * the file and the byte offset.
 */
public record VideoBlinks(Path path, int frames, double fps, List<BlinkEvent> blinks, List<BlinkFrame> readings) {
    /** The frame rate given to a folder of frames, which has no timing of its own, unless told otherwise. */
    public static final double DEFAULT_FOLDER_FPS = 15;

    /** A video file; a folder of frames is read at {@link #DEFAULT_FOLDER_FPS}. */
    public static VideoBlinks analyse(Path video, EyeObserver observer, BlinkModels models) throws IOException {
        return analyse(video, DEFAULT_FOLDER_FPS, observer, models);
    }

    /** A video file, or a folder of frames played at folderFps. */
    public static VideoBlinks analyse(Path video, double folderFps, EyeObserver observer, BlinkModels models)
            throws IOException {
        BlinkDetector detector = new BlinkDetector(observer, models);
        double first = Double.NaN;
        double last = Double.NaN;
        int n = 0;
        double declaredFps;
        try (VideoSource source = Files.isDirectory(video) ? FrameFolderReader.open(video, folderFps)
                : VideoSource.open(video, TruncatedFramePolicy.FAIL)) {
            for (Optional<VideoFrame> f = source.next(); f.isPresent(); f = source.next()) {
                detector.accept(f.get().image(), f.get().timestampSeconds());
                first = n == 0 ? f.get().timestampSeconds() : first;
                last = f.get().timestampSeconds();
                n++;
            }
            declaredFps = source.frameRate().orElse(Double.NaN);
        }
        if (n == 0) {
            throw new VideoDecodeException(video, VideoDecodeException.NO_OFFSET, "holds no frames");
        }
        detector.finish();
        double fps = Double.isFinite(declaredFps) && declaredFps > 0 ? declaredFps
                : n > 1 && last > first ? (n - 1) / (last - first) : 0;
        return new VideoBlinks(video, n, fps, detector.events(), detector.frames());
    }

    /** Per-frame blink closure probabilities, in frame order. */
    public float[] closure() {
        float[] c = new float[readings.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = readings.get(i).closure();
        }
        return c;
    }
}
