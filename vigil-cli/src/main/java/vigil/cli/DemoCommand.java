package vigil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.cli.check.ImageInputs;
import vigil.cli.check.ImageResult;
import vigil.liveness.passive.PassiveLiveness;

/**
 * The newcomer's first command: passive liveness with the real Silent-Face models on the sample
 * images (two spoofs and a live face) and on real photos fetched from Debian packages, printing a
 * verdict per face and writing annotated copies.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Passive liveness on sample images and real photos; verdicts printed, annotated PNGs written.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "where annotated images go (default: demo-out)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path models = DataPaths.silentFaceModels();
        List<Path> inputs = new ArrayList<>();
        inputs.add(DataPaths.shared().resolve("images/silent-face"));
        Path photos = DataPaths.cache().resolve("photos");
        if (Files.isDirectory(photos)) {
            inputs.add(photos);
            inputs.add(photos.resolve("kphotoalbum"));
        } else {
            System.out.println("(no fetched photos in " + photos + "; run scripts/fetch-test-data.sh for more)");
        }
        Path outDir = out != null ? out : DataPaths.home().resolve("demo-out");
        System.out.println("Vigil passive liveness: Silent-Face face detector and MiniFASNet models from " + models);
        long start = System.nanoTime();
        PassiveLiveness liveness = PassiveLiveness.load(models, 0.6f);
        List<ImageResult> results = CheckCommand.run(liveness, ImageInputs.expand(inputs), outDir, false);
        double seconds = (System.nanoTime() - start) / 1e9;
        long faces = results.stream().mapToLong(r -> r.faces().size()).sum();
        long live = results.stream().flatMap(r -> r.faces().stream()).filter(v -> v.live()).count();
        long noFace = results.stream().filter(r -> r.ok() && r.faces().isEmpty()).count();
        long errors = results.stream().filter(r -> !r.ok()).count();
        System.out.printf("%d images in %.1f s: %d faces (%d live, %d spoof), %d images without a face, %d errors%n",
                results.size(), seconds, faces, live, faces - live, noFace, errors);
        System.out.println("annotated images: " + outDir.toAbsolutePath().normalize());
        return errors == results.size() ? 1 : 0;
    }
}
