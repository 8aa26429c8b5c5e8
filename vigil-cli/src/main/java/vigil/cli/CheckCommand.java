package vigil.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vigil.cli.check.Annotator;
import vigil.cli.check.CheckReport;
import vigil.cli.check.ImageInputs;
import vigil.cli.check.ImageResult;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;
import vigil.liveness.int8.Int8ModelCache;
import vigil.liveness.int8.Int8PassiveLiveness;
import vigil.liveness.passive.FaceVerdict;
import vigil.liveness.passive.PassiveLiveness;

/** Passive liveness on still images with the Silent-Face models. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Judge each face in the images live or spoof (Silent-Face detector + MiniFASNet models).")
final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IMAGE|DIR", description = "image files or folders of images")
    List<Path> inputs;

    @Option(names = "--json", description = "print one JSON document instead of text lines")
    boolean json;

    @Option(names = "--annotate", paramLabel = "OUT_DIR", description = "write each image with its boxes and verdicts as PNG")
    Path annotate;

    @Option(names = "--models", paramLabel = "DIR", description = "Silent-Face model folder (default: ../shared/models/silent-face)")
    Path models;

    @Option(names = "--threshold", defaultValue = "0.6", description = "detector confidence for a face (default ${DEFAULT-VALUE})")
    float threshold;

    @Option(names = "--int8", description = "run the int8 (integer-only) models instead of the float ones")
    boolean int8;

    @Option(names = "--int8-models", paramLabel = "DIR", description = "int8 model folder (*.int8.safetensors; default: "
            + ".cache/data/int8-models, quantized there on first use from --models, calibrated on .cache/data/photos)")
    Path int8Models;

    @Override
    public Integer call() throws Exception {
        Path modelDir = models != null ? models : DataPaths.silentFaceModels();
        Function<BgrImage, List<FaceVerdict>> liveness;
        if (int8) {
            Path dir = int8Models != null ? int8Models : DataPaths.cache().resolve("int8-models");
            Int8ModelCache.ensure(modelDir, dir, List.of(DataPaths.cache().resolve("photos")), threshold, System.err);
            liveness = Int8PassiveLiveness.load(modelDir, dir, threshold)::check;
        } else {
            liveness = PassiveLiveness.load(modelDir, threshold)::check;
        }
        List<ImageResult> results = run(liveness, ImageInputs.expand(inputs), annotate, json);
        if (json) {
            System.out.println(CheckReport.json(results));
        }
        return results.stream().anyMatch(ImageResult::ok) ? 0 : 1;
    }

    /** Checks every image; a bad image is reported and the others still run. Text lines print as they come. */
    static List<ImageResult> run(PassiveLiveness liveness, List<Path> files, Path annotateDir, boolean quiet) {
        return run(liveness::check, files, annotateDir, quiet);
    }

    static List<ImageResult> run(Function<BgrImage, List<FaceVerdict>> liveness, List<Path> files, Path annotateDir,
                                 boolean quiet) {
        List<ImageResult> results = new ArrayList<>();
        for (Path f : files) {
            ImageResult r;
            BgrImage image = null;
            try {
                image = ImageDecoder.readBgr(f);
                List<FaceVerdict> faces = liveness.apply(image);
                r = new ImageResult(f, faces, null);
            } catch (IOException | RuntimeException e) {
                r = new ImageResult(f, List.of(), e.getMessage() == null ? e.toString() : e.getMessage());
            }
            if (annotateDir != null && image != null && r.ok()) {
                try {
                    Annotator.write(image, r, annotateDir);
                } catch (IOException e) {
                    r = new ImageResult(f, r.faces(), "annotation failed: " + e.getMessage());
                }
            }
            results.add(r);
            if (!quiet) {
                CheckReport.text(r).forEach(System.out::println);
            }
        }
        return results;
    }
}
