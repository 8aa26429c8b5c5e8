package vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.face.detect.SsdFaceDetector;
import vigil.liveness.int8.ActivationRanges;
import vigil.liveness.int8.Calibrator;
import vigil.liveness.int8.FaceCrops;
import vigil.liveness.int8.Int8MiniFasNet;
import vigil.liveness.int8.Int8ModelFile;
import vigil.liveness.int8.Int8Quantization;
import vigil.liveness.passive.PassiveLiveness;

/** Converts a float Silent-Face model to an integer-only int8 model (int8 safetensors). */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = "Quantize a MiniFASNet model to int8: post-training calibration on face images, or QAT ranges.")
final class QuantizeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "M",
            description = "Silent-Face .pth, or a Vigil safetensors state dict (a QAT export, or named like a .pth)")
    Path model;

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--calibrate", paramLabel = "DIR", arity = "1..*",
                description = "folders of face images to calibrate on (faces found by the detector)")
        List<Path> calibrate;

        @Option(names = "--qat", paramLabel = "CONFIG",
                description = "activation ranges from QAT: a ranges .json, or the QAT export .safetensors")
        Path qat;
    }

    @Option(names = "--out", required = true, paramLabel = "M_INT8",
            description = "output file (.int8.safetensors) or folder (the name is then derived from the model's)")
    Path out;

    @Option(names = "--method", defaultValue = "percentile:99.99",
            description = "calibration ranges: minmax or percentile:P (default ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--ranges-out", paramLabel = "FILE", description = "also write the activation ranges (JSON)")
    Path rangesOut;

    @Option(names = "--models", paramLabel = "DIR",
            description = "Silent-Face folder with the face detector, for calibration (default: ../shared/models/silent-face)")
    Path detectorDir;

    @Option(names = "--threshold", defaultValue = "0.6", description = "detector confidence for a face (default ${DEFAULT-VALUE})")
    float threshold;

    @Override
    public Integer call() throws Exception {
        Int8Quantization.FloatModel f = Int8Quantization.loadFloat(model);
        ActivationRanges ranges;
        String how;
        if (source.qat != null) {
            ranges = Int8Quantization.qatRanges(source.qat);
            how = "QAT ranges from " + source.qat + " (" + ranges.method() + ")";
        } else {
            Path dir = detectorDir != null ? detectorDir : DataPaths.silentFaceModels();
            SsdFaceDetector detector = SsdFaceDetector.load(dir.resolve(PassiveLiveness.PROTOTXT),
                    dir.resolve(PassiveLiveness.CAFFEMODEL), threshold);
            List<FaceCrops> faces = FaceCrops.detect(detector, source.calibrate);
            ranges = Int8Quantization.calibrate(f, faces, parseMethod(method));
            how = ranges.method() + " calibration on " + faces.size() + " faces";
        }
        Int8MiniFasNet q = Int8Quantization.quantize(f, ranges);
        Path file = Files.isDirectory(out) ? out.resolve(Int8Quantization.int8FileName(model)) : out;
        Int8ModelFile.write(file, q);
        if (rangesOut != null) {
            ranges.write(rangesOut);
        }
        System.out.printf("%s -> %s: %s, %d -> %d bytes%n", model, file, how, Files.size(model), Files.size(file));
        return 0;
    }

    static Calibrator.Method parseMethod(String text) throws IOException {
        if (text.equals("minmax")) {
            return new Calibrator.MinMax();
        }
        if (text.startsWith("percentile:")) {
            try {
                return new Calibrator.Percentile(Double.parseDouble(text.substring("percentile:".length())));
            } catch (IllegalArgumentException e) {
                throw new IOException("--method " + text + ": " + e.getMessage(), e);
            }
        }
        throw new IOException("--method " + text + ": expected minmax or percentile:P (e.g. percentile:99.99)");
    }
}
