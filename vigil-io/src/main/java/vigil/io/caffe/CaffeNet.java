package vigil.io.caffe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.io.caffe.layers.CaffeLayer;
import vigil.io.caffe.layers.LayerFactory;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * A Caffe network ready to run: the TEST-phase layers of a prototxt in file order, each bound to its
 * learned blobs from a caffemodel by layer name. Inference only (no gradients are recorded).
 *
 * <p>Blobs are named as in the prototxt. A layer whose top repeats its bottom (Caffe's in-place
 * layers, e.g. Scale after BatchNorm) rebinds that name, so a blob's value is the one its last
 * writer leaves, as in Caffe after a forward pass.
 *
 * <pre>
 * CaffeNet net = CaffeNet.load(Path.of("deploy.prototxt"), Path.of("weights.caffemodel"));
 * Tensor detections = net.forward(input, "detection_out");   // input: [1, 3, H, W]
 * </pre>
 */
public final class CaffeNet {
    private final NetDefinition definition;
    private final List<CaffeLayer> layers;
    /** Blob name -> index of the last layer writing it (-1 for a network input). */
    private final Map<String, Integer> lastWriter;

    private CaffeNet(NetDefinition definition, List<CaffeLayer> layers, Map<String, Integer> lastWriter) {
        this.definition = definition;
        this.layers = layers;
        this.lastWriter = lastWriter;
    }

    /** Reads both files and builds the network; errors name the file and layer at fault. */
    public static CaffeNet load(Path prototxt, Path caffemodel) throws IOException {
        return build(NetDefinition.read(prototxt), CaffeModelReader.read(caffemodel));
    }

    /**
     * Builds every layer and checks the wiring: each bottom must be an input or an earlier top. A
     * layer's blobs are looked up by its name in weights; layers with none take an empty list.
     */
    public static CaffeNet build(NetDefinition definition, CaffeWeights weights) throws IOException {
        Map<String, Integer> writer = new HashMap<>();
        for (InputSpec in : definition.inputs()) {
            if (writer.put(in.name(), -1) != null) {
                throw new CaffeFormatException("input '" + in.name() + "' is declared twice");
            }
        }
        List<CaffeLayer> built = new ArrayList<>();
        List<LayerSpec> specs = definition.layers();
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec spec = specs.get(i);
            for (String b : spec.bottoms()) {
                if (!writer.containsKey(b)) {
                    throw spec.error("bottom '" + b + "' is neither a network input nor the top of an earlier layer");
                }
            }
            if (spec.tops().isEmpty()) {
                throw spec.error("has no top");
            }
            built.add(LayerFactory.create(spec, weights));
            for (String t : spec.tops()) {
                writer.put(t, i);
            }
        }
        return new CaffeNet(definition, List.copyOf(built), Map.copyOf(writer));
    }

    public NetDefinition definition() {
        return definition;
    }

    /** The network's input blob names, in declaration order. */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (InputSpec in : definition.inputs()) {
            names.add(in.name());
        }
        return names;
    }

    /** Runs the whole network on its single input; returns every blob by name (inputs included). */
    public Map<String, Tensor> forward(Tensor input) {
        return forward(singleInput(input));
    }

    /** Runs the whole network; inputs by name. Returns every blob by name (inputs included). */
    public Map<String, Tensor> forward(Map<String, Tensor> inputs) {
        return run(inputs, layers.size() - 1);
    }

    /** Runs the network only as far as the named blob's last writer and returns that blob. */
    public Tensor forward(Tensor input, String blob) {
        return forward(singleInput(input), blob);
    }

    /** Runs the network only as far as the named blob's last writer and returns that blob. */
    public Tensor forward(Map<String, Tensor> inputs, String blob) {
        Integer last = lastWriter.get(blob);
        if (last == null) {
            throw new IllegalArgumentException("no blob '" + blob + "' in network '" + definition.name() + "'");
        }
        return run(inputs, last).get(blob);
    }

    private Map<String, Tensor> singleInput(Tensor input) {
        if (definition.inputs().size() != 1) {
            throw new IllegalArgumentException("network '" + definition.name() + "' has inputs " + inputNames()
                    + "; pass them by name");
        }
        return Map.of(definition.inputs().get(0).name(), input);
    }

    // Runs layers 0..lastLayer and returns the blobs in the order they were first written.
    private Map<String, Tensor> run(Map<String, Tensor> inputs, int lastLayer) {
        Map<String, Tensor> blobs = new LinkedHashMap<>();
        for (InputSpec in : definition.inputs()) {
            Tensor t = inputs.get(in.name());
            if (t == null) {
                throw new IllegalArgumentException("missing input '" + in.name() + "' (inputs: " + inputNames() + ")");
            }
            checkInput(in, t);
            blobs.put(in.name(), t);
        }
        for (String name : inputs.keySet()) {
            if (!blobs.containsKey(name)) {
                throw new IllegalArgumentException("'" + name + "' is not an input of the network (inputs: "
                        + inputNames() + ")");
            }
        }
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            for (int i = 0; i <= lastLayer; i++) {
                LayerSpec spec = definition.layers().get(i);
                Tensor[] bottoms = new Tensor[spec.bottoms().size()];
                for (int b = 0; b < bottoms.length; b++) {
                    bottoms[b] = blobs.get(spec.bottoms().get(b));
                }
                Tensor[] tops;
                try {
                    tops = layers.get(i).forward(bottoms);
                } catch (ShapeException e) {
                    throw e.getMessage().startsWith(spec.where()) ? e
                            : new ShapeException(spec.where() + ": " + e.getMessage());
                }
                if (tops.length != spec.tops().size()) {
                    throw new IllegalStateException(spec.where() + " produced " + tops.length + " tops for "
                            + spec.tops());
                }
                for (int t = 0; t < tops.length; t++) {
                    blobs.put(spec.tops().get(t), tops[t]);
                }
            }
        }
        return blobs;
    }

    // The declared shape is a hint (Caffe and OpenCV reshape to the input); rank and channels must fit.
    private static void checkInput(InputSpec in, Tensor t) {
        int[] declared = in.shape();
        if (declared.length == 0) {
            return;
        }
        if (t.rank() != declared.length || (declared.length > 1 && t.dim(1) != declared[1])) {
            throw new ShapeException("input '" + in.name() + "': got " + Shape.str(t.shape()) + ", declared "
                    + Arrays.toString(declared) + " (rank and channels must match)");
        }
    }
}
