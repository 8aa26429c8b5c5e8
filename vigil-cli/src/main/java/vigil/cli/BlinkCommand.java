package vigil.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vigil.cli.blink.BlinkReport;
import vigil.cli.blink.ClosurePlot;
import vigil.liveness.blink.BlinkModels;
import vigil.liveness.blink.LandmarkEyeObserver;
import vigil.liveness.blink.VideoBlinks;

/** Blink detection in videos: face-api landmarks, eye-state CNN, blink GRU. */
@Command(name = "blink", mixinStandardHelpOptions = true, subcommands = BlinkTrainCommand.class,
        description = "Find the blinks in videos (MJPEG AVI, animated GIF, folder of frames): per-frame eye closure and"
                + " blink events.")
final class BlinkCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "VIDEO", description = "video files, or folders of numbered frames")
    List<Path> videos = new ArrayList<>();

    @Option(names = "--json", description = "print one JSON document instead of text lines")
    boolean json;

    @Option(names = "--plot", paramLabel = "OUT.png", description = "write the closure curves and blinks as a PNG")
    Path plot;

    @Option(names = "--folder-fps", defaultValue = "15", paramLabel = "FPS",
            description = "frame rate of a folder of frames (default ${DEFAULT-VALUE})")
    double folderFps;

    @Option(names = "--weights", paramLabel = "DIR", description = "blink models written by `vigil blink train`"
            + " (default: the shipped weights)")
    Path weights;

    @Option(names = "--face-models", paramLabel = "DIR", description = "face-api model folder (default: .cache/data/face-api)")
    Path faceModels;

    @Override
    public Integer call() throws Exception {
        if (videos.isEmpty()) {
            throw new IllegalArgumentException("give at least one VIDEO (or `vigil blink train --out DIR`)");
        }
        BlinkModels models = weights != null ? BlinkModels.load(weights) : BlinkModels.shipped();
        LandmarkEyeObserver observer = LandmarkEyeObserver.load(faceApiModels(faceModels));
        List<BlinkReport.Result> results = new ArrayList<>();
        List<VideoBlinks> read = new ArrayList<>();
        for (Path v : videos) {
            BlinkReport.Result r;
            try {
                VideoBlinks b = VideoBlinks.analyse(v, folderFps, observer, models);
                read.add(b);
                r = new BlinkReport.Result(v.toString(), b, null);
            } catch (IOException | RuntimeException e) {
                r = new BlinkReport.Result(v.toString(), null, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            results.add(r);
            if (!json) {
                BlinkReport.text(r).forEach(System.out::println);
            }
        }
        if (json) {
            System.out.println(BlinkReport.json(results));
        }
        if (plot != null) {
            ClosurePlot.write(read, plot);
        }
        return read.size() == videos.size() ? 0 : 1;
    }

    /** The face-api models: the given folder, else .cache/data/face-api (fetched by scripts/fetch-test-data.sh). */
    static Path faceApiModels(Path override) throws IOException {
        Path dir = override != null ? override : DataPaths.cache().resolve("face-api");
        if (!java.nio.file.Files.isRegularFile(dir.resolve("face_landmark_68_model-weights_manifest.json"))) {
            throw new IOException("face-api models not found in " + dir.toAbsolutePath()
                    + "; run scripts/fetch-test-data.sh (or pass --face-models DIR)");
        }
        return dir;
    }
}
