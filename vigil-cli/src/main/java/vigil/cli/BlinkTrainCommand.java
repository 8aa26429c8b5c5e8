package vigil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.face.landmark.FaceLandmarker;
import vigil.liveness.blink.BlinkTraining;
import vigil.liveness.blink.EyeLabels;
import vigil.liveness.blink.EyeSource;
import vigil.liveness.blink.EyeSourceCollector;
import vigil.liveness.blink.EyeSourceCollector.ExcludedFrames;
import vigil.liveness.blink.EyeSourceCollector.VideoInput;

/**
 * Reproduces the shipped blink weights: real eyes from the fetched photos, face-api's sample
 * photos, the Silent-Face sample images and the kphotoalbum clip (its blink, frames 30-40, held
 * out), the hand labels of the eyes that are closed or cannot be judged ({@link EyeLabels}),
 * synthetic closures, then the CNN, the blink GRU and the score smoother from one seed.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the blink models from the fetched data and a seed; writes three safetensors files.")
final class BlinkTrainCommand implements Callable<Integer> {
    /** face-api's demo photos (the fetch brings all six; their eyes that are not open are labelled in eye-labels.txt). */
    static final List<String> FACE_API_PHOTOS =
            List.of("sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg");

    /** The clip's test blink, with margin: never trained on. */
    static final ExcludedFrames CLIP_TEST_BLINK = new ExcludedFrames(30, 40);

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the weights")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "seed of everything random (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--cnn-steps", paramLabel = "N", description = "eye-state CNN steps (default: 1600)")
    Integer cnnSteps;

    @Option(names = "--gru-steps", paramLabel = "N", description = "blink GRU steps (default: 700)")
    Integer gruSteps;

    @Option(names = "--data", paramLabel = "DIR", description = "fetched test data (default: .cache/data)")
    Path data;

    @Option(names = "--shared", paramLabel = "DIR", description = "shared folder with images/silent-face (default: ../shared)")
    Path shared;

    @Option(names = "--face-models", paramLabel = "DIR", description = "face-api model folder (default: DATA/face-api)")
    Path faceModels;

    @Override
    public Integer call() throws Exception {
        Path cache = data != null ? data : DataPaths.cache();
        Path sharedDir = shared != null ? shared : DataPaths.shared();
        Path models = faceModels != null ? faceModels : cache.resolve("face-api");
        FaceLandmarker landmarker = FaceLandmarker.load(models);
        List<Path> images = new ArrayList<>(EyeSourceCollector.imageFiles(List.of(cache.resolve("photos"))));
        for (String name : FACE_API_PHOTOS) {
            images.add(cache.resolve("face-api").resolve(name));
        }
        images.addAll(EyeSourceCollector.imageFiles(List.of(sharedDir.resolve("images"))));
        List<VideoInput> videos = new ArrayList<>();
        Path clip = cache.resolve("video/kphotoalbum_movie.avi");
        if (Files.isRegularFile(clip)) {
            videos.add(new VideoInput(clip, 1, CLIP_TEST_BLINK));
        }
        Path gif = sharedDir.resolve("images/silent-face/demo.gif");
        if (Files.isRegularFile(gif)) {
            videos.add(new VideoInput(gif, 4, null));
        }
        List<EyeSource> sources = new EyeSourceCollector(landmarker, System.out).collect(images, videos);
        BlinkTraining.Settings d = BlinkTraining.Settings.defaults();
        BlinkTraining.Settings settings = new BlinkTraining.Settings(seed, cnnSteps != null ? cnnSteps : d.cnnSteps(),
                d.cnnBatch(), d.variants(), gruSteps != null ? gruSteps : d.gruSteps(), d.gruBatch(), d.minFrames(),
                d.maxFrames(), d.smootherSteps());
        BlinkTraining.Report r = BlinkTraining.run(sources, EyeLabels.shipped(), settings, out, System.out);
        System.out.printf(java.util.Locale.ROOT, "blink train: %d eye pairs trained, %d held out; held-out CNN open/closed"
                + " accuracy %.2f%%, blink recall %.3f, precision %.3f (%d synthetic blinks), smoother %.2f%%; %d parameters"
                + " in %s%n", r.trainSources(), r.heldOutSources(), 100 * r.cnnAccuracy(), r.eventRecall(),
                r.eventPrecision(), r.trueBlinks(), 100 * r.smootherAccuracy(), r.parameters(), out);
        return 0;
    }
}
