package vigil.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The check an ONNX model must pass before {@link OrtBenchMain} times it: on the input batch that
 * tools/bench/export_minifasnet_onnx.py wrote beside MODEL.onnx (MODEL.check-input.f32, [2, 3, 80, 80]) the
 * logits must equal PyTorch's (MODEL.check-output.f32, [2, 3]) within {@link #TOLERANCE}. Both files are raw
 * little-endian float32 with no header. A model that computes other numbers is not the workload the other
 * engines run, so its timing would mean nothing.
 */
public final class OrtAgreementCheck {
    /**
     * Absolute. The check logits are of order 1 (the export sets the batch norms' statistics from data), and
     * two float32 engines that sum the ~50 layers in different orders differ there by little (measured
     * 2.8e-6 between ONNX Runtime and PyTorch).
     */
    public static final double TOLERANCE = 1e-4;
    /** A reference whose logits all lie this close to zero could not tell a wrong model from a right one. */
    static final double MIN_REFERENCE_MAGNITUDE = 100 * TOLERANCE;

    private OrtAgreementCheck() {
    }

    public static Path inputFile(Path model) {
        return sibling(model, ".check-input.f32");
    }

    public static Path outputFile(Path model) {
        return sibling(model, ".check-output.f32");
    }

    private static Path sibling(Path model, String suffix) {
        String name = model.getFileName().toString();
        if (!name.endsWith(".onnx")) {
            throw new IllegalArgumentException("ort check: model " + model + " must end in .onnx");
        }
        return model.resolveSibling(name.substring(0, name.length() - ".onnx".length()) + suffix);
    }

    /** The float32 values of a raw little-endian file; its size must be a multiple of 4 bytes. */
    public static float[] readLittleEndianFloats(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length % Float.BYTES != 0) {
            throw new IOException("ort check: " + file + " has " + bytes.length
                    + " bytes, not a whole number of float32 values");
        }
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** max_i |a[i] - b[i]| over equal-length arrays (requireAgreement checks); NaN anywhere gives NaN. */
    static double maxAbsDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(d)) {
                return d;
            }
            max = Math.max(max, d);
        }
        return max;
    }

    /**
     * Throws unless actual (ONNX Runtime's logits) equals expected (PyTorch's) within TOLERANCE; returns the
     * largest difference. model names the file in the message.
     */
    public static double requireAgreement(float[] actual, float[] expected, Path model) {
        double magnitude = 0;
        for (float e : expected) {
            magnitude = Math.max(magnitude, Math.abs(e));
        }
        if (magnitude < MIN_REFERENCE_MAGNITUDE) {
            throw new IllegalStateException("ort check: the reference logits of " + model + " are all within "
                    + magnitude + " of zero, too small for a check at " + TOLERANCE + "; re-export the model");
        }
        if (actual.length != expected.length) {
            throw new IllegalStateException("ort check: " + model + " gives " + actual.length
                    + " logits where PyTorch gives " + expected.length);
        }
        double diff = maxAbsDifference(actual, expected);
        if (!(diff <= TOLERANCE)) {
            throw new IllegalStateException("ort check: ONNX Runtime's logits of " + model
                    + " differ from PyTorch's by " + diff + " (> " + TOLERANCE
                    + "); refusing to time a model that computes other numbers");
        }
        return diff;
    }
}
