package vigil.liveness.passive;

import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import vigil.data.image.BgrImage;
import vigil.data.image.OpenCvResize;
import vigil.face.crop.ScaledCrop;
import vigil.face.detect.FaceBox;

/**
 * What a Silent-Face model file's name says about the model: the crop scale, the input size and the
 * variant, read as the reference's parse_model_name reads them. "2.7_80x80_MiniFASNetV2.pth" is scale
 * 2.7, 80x80, V2; "4_0_0_80x80_MiniFASNetV1SE.pth" is scale 4.0 (the reference reads only the first
 * field; the two zeros are not used); "org_1_80x60_MiniFASNetV1.pth" has no scale: the whole image is
 * the input.
 *
 * @param scale how many times the face box the crop spans; empty for "org" (whole image)
 */
public record MiniFasNetSpec(OptionalDouble scale, int inputHeight, int inputWidth, MiniFasNetVariant variant) {
    private static final String SUFFIX = ".pth";
    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");

    public MiniFasNetSpec {
        if (inputHeight < 1 || inputWidth < 1) {
            throw new IllegalArgumentException("MiniFasNetSpec: input " + inputHeight + "x" + inputWidth
                    + " must be positive");
        }
        if (scale.isPresent() && !(scale.getAsDouble() > 0 && Double.isFinite(scale.getAsDouble()))) {
            throw new IllegalArgumentException("MiniFasNetSpec: scale " + scale.getAsDouble() + " must be positive");
        }
    }

    /** The spec of the model file at {@code file}, from its name alone. */
    public static MiniFasNetSpec fromPath(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            throw new IllegalArgumentException(file + ": no file name to read a MiniFASNet spec from");
        }
        return fromFileName(name.toString());
    }

    /**
     * Parses "SCALE[_...]_HxW_TYPE.pth": the fields are split on '_'; the first is the scale (or
     * "org"), the one before the type is the input size "HxW", the last is the reference class name.
     */
    public static MiniFasNetSpec fromFileName(String fileName) {
        String expected = " (expected SCALE_HxW_TYPE.pth, e.g. 2.7_80x80_MiniFASNetV2.pth)";
        if (!fileName.endsWith(SUFFIX)) {
            throw new IllegalArgumentException(fileName + ": not a .pth model file name" + expected);
        }
        String[] fields = fileName.substring(0, fileName.length() - SUFFIX.length()).split("_", -1);
        if (fields.length < 3) {
            throw new IllegalArgumentException(fileName + ": too few '_'-separated fields" + expected);
        }
        MiniFasNetVariant variant;
        try {
            variant = MiniFasNetVariant.fromReferenceName(fields[fields.length - 1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(fileName + ": " + e.getMessage(), e);
        }
        var size = SIZE.matcher(fields[fields.length - 2]);
        if (!size.matches()) {
            throw new IllegalArgumentException(fileName + ": input size field '" + fields[fields.length - 2]
                    + "' is not HxW" + expected);
        }
        String first = fields[0];
        OptionalDouble scale;
        if (first.equals("org")) {
            scale = OptionalDouble.empty();
        } else if (DECIMAL.matcher(first).matches()) {
            scale = OptionalDouble.of(Double.parseDouble(first));
        } else {
            throw new IllegalArgumentException(fileName + ": scale field '" + first + "' is neither a number nor 'org'"
                    + expected);
        }
        try {
            return new MiniFasNetSpec(scale, Integer.parseInt(size.group(1)), Integer.parseInt(size.group(2)), variant);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(fileName + ": " + e.getMessage(), e);
        }
    }

    /** The conv6 kernel this input size needs (the reference's get_kernel). */
    public int[] conv6Kernel() {
        return MiniFasNet.conv6Kernel(inputHeight, inputWidth);
    }

    /**
     * The crop this model sees of a face: the box widened by the model's scale (clamped to the image),
     * resized to the model's input as OpenCV does; a model without a scale sees the whole image, as in
     * the reference.
     */
    public BgrImage crop(BgrImage image, FaceBox box) {
        return scale.isPresent()
                ? ScaledCrop.of(box.x(), box.y(), box.width(), box.height(), image.width(), image.height(),
                        scale.getAsDouble()).cropAndResize(image, inputWidth, inputHeight)
                : OpenCvResize.linear(image, inputWidth, inputHeight);
    }
}
