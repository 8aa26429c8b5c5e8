package vigil.liveness.int8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import vigil.data.image.BgrImage;
import vigil.io.pth.PthReader;
import vigil.liveness.passive.MiniFasNet;
import vigil.liveness.passive.MiniFasNetSpec;
import vigil.liveness.passive.PretrainedMiniFasNet;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.io.SafeTensors;
import vigil.tensor.io.SafeTensorsFile;

/**
 * The steps of `vigil quantize`: load a float Silent-Face model (.pth, or a Vigil safetensors state dict
 * named like one, e.g. 2.7_80x80_MiniFASNetV2.safetensors), calibrate it on face crops or take ranges from
 * QAT, and convert it to int8.
 */
public final class Int8Quantization {
    private static final int BATCH = 16;

    /** A float model, the spec its file name gives, and the file. */
    public record FloatModel(MiniFasNetSpec spec, MiniFasNet model, Path source) {
    }

    private Int8Quantization() {
    }

    public static FloatModel loadFloat(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".pth")) {
            PretrainedMiniFasNet p = PretrainedMiniFasNet.load(file);
            return new FloatModel(p.spec(), p.model(), file);
        }
        if (!name.endsWith(".safetensors")) {
            throw new IOException(file + ": expected a Silent-Face .pth or a .safetensors state dict named like one");
        }
        SafeTensorsFile st = SafeTensors.read(file);
        // A QAT export names its float source (a Silent-Face .pth) in its metadata: the spec comes from that
        // name; any other state dict must itself be named like a Silent-Face file.
        String specName = st.metadata().containsKey("source")
                ? Path.of(st.metadata().get("source")).getFileName().toString()
                : name.substring(0, name.length() - ".safetensors".length()) + ".pth";
        MiniFasNetSpec spec;
        try {
            spec = MiniFasNetSpec.fromFileName(specName);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": cannot tell the model's architecture and crop scale: " + e.getMessage(), e);
        }
        Map<String, Tensor> state = PthReader.stripModulePrefix(st.tensors());
        Tensor prob = state.get("prob.weight");
        if (prob == null || prob.rank() != 2) {
            throw new IOException(file + ": no 2-d prob.weight: not a MiniFASNet state dict");
        }
        MiniFasNet model = new MiniFasNet(spec.variant(), spec.inputHeight(), spec.inputWidth(), prob.dim(0),
                prob.dim(1), spec.variant().defaultDropout(), new Rng(0));
        model.loadPretrained(state, file.toString());
        return new FloatModel(spec, model, file);
    }

    /** Ranges of every activation point over the model's crops of the faces. */
    public static ActivationRanges calibrate(FloatModel m, List<FaceCrops> faces, Calibrator.Method method) {
        Calibrator calibrator = new Calibrator(FloatGraph.of(m.model()));
        int h = m.spec().inputHeight();
        int w = m.spec().inputWidth();
        int per = 3 * h * w;
        for (int start = 0; start < faces.size(); start += BATCH) {
            int n = Math.min(BATCH, faces.size() - start);
            float[] x = new float[n * per];
            for (int i = 0; i < n; i++) {
                BgrImage crop = faces.get(start + i).crop(m.spec());
                System.arraycopy(crop.toTensor().data(), 0, x, i * per, per);
            }
            calibrator.observe(x, n);
        }
        return calibrator.ranges(method);
    }

    /**
     * QAT ranges: a range file (JSON), or a QAT export (.safetensors) whose metadata carries them under
     * "ranges" (the contract of /tmp/qat-contract.md).
     */
    public static ActivationRanges qatRanges(Path config) throws IOException {
        if (config.getFileName().toString().endsWith(".safetensors")) {
            String text = SafeTensors.read(config).metadata().get("ranges");
            if (text == null) {
                throw new IOException(config + ": a QAT export must carry its activation ranges in metadata 'ranges'");
            }
            return ActivationRanges.parse(text, config + " (metadata 'ranges')");
        }
        return ActivationRanges.read(config);
    }

    public static Int8MiniFasNet quantize(FloatModel m, ActivationRanges ranges) {
        return Int8Converter.convert(m.model(), m.spec().scale(), ranges, m.source().getFileName().toString());
    }

    /** "2.7_80x80_MiniFASNetV2.pth" -> "2.7_80x80_MiniFASNetV2.int8.safetensors". */
    public static String int8FileName(Path floatModel) {
        String name = floatModel.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + Int8ModelFile.SUFFIX;
    }
}
