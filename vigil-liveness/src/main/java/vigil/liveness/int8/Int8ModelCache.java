package vigil.liveness.int8;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import vigil.face.detect.SsdFaceDetector;
import vigil.liveness.passive.PassiveLiveness;

/**
 * The int8 models `vigil check --int8` uses: the *.int8.safetensors of a folder, made on first use when
 * the folder has none by quantizing every .pth of the Silent-Face model folder, calibrated (percentile
 * 99.99) on the faces of the calibration folders.
 */
public final class Int8ModelCache {
    public static final Calibrator.Method DEFAULT_METHOD = new Calibrator.Percentile(99.99);

    private Int8ModelCache() {
    }

    /** The int8 model files of int8Dir, quantizing into it first if it holds none. */
    public static List<Path> ensure(Path floatModels, Path int8Dir, List<Path> calibration, float threshold,
                                    PrintStream log) throws IOException {
        List<Path> existing = Int8PassiveLiveness.int8Files(int8Dir);
        if (!existing.isEmpty()) {
            return existing;
        }
        List<Path> pths;
        try (Stream<Path> s = Files.list(floatModels)) {
            pths = s.filter(p -> p.getFileName().toString().endsWith(".pth")).sorted().toList();
        }
        if (pths.isEmpty()) {
            throw new IOException("model folder " + floatModels + " holds no .pth model to quantize");
        }
        for (Path c : calibration) {
            if (!Files.isDirectory(c)) {
                throw new IOException("no int8 models in " + int8Dir + " and the calibration folder " + c
                        + " is missing: run scripts/fetch-test-data.sh, or make them with `vigil quantize`");
            }
        }
        SsdFaceDetector detector = SsdFaceDetector.load(floatModels.resolve(PassiveLiveness.PROTOTXT),
                floatModels.resolve(PassiveLiveness.CAFFEMODEL), threshold);
        List<FaceCrops> faces = FaceCrops.detect(detector, calibration);
        Files.createDirectories(int8Dir);
        for (Path pth : pths) {
            Int8Quantization.FloatModel f = Int8Quantization.loadFloat(pth);
            Int8MiniFasNet q = Int8Quantization.quantize(f, Int8Quantization.calibrate(f, faces, DEFAULT_METHOD));
            Path out = int8Dir.resolve(Int8Quantization.int8FileName(pth));
            Int8ModelFile.write(out, q);
            log.println("vigil: quantized " + pth.getFileName() + " -> " + out + " (" + DEFAULT_METHOD.describe()
                    + " on " + faces.size() + " faces)");
        }
        return Int8PassiveLiveness.int8Files(int8Dir);
    }
}
