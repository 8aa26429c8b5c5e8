package vigil.io.caffe.layers;

import java.io.IOException;
import java.util.List;
import vigil.io.caffe.CaffeWeights;
import vigil.io.caffe.LayerSpec;

/** Builds a layer from its prototxt entry and learned blobs; the one place that maps type names to code. */
public final class LayerFactory {
    /** Every layer type Vigil runs, as named in prototxt files. */
    public static final List<String> SUPPORTED = List.of("BatchNorm", "Concat", "Convolution", "Crop",
            "Deconvolution", "DetectionOutput", "Eltwise", "Flatten", "Permute", "Pooling", "PriorBox", "ReLU",
            "Reshape", "Scale", "Softmax");

    private LayerFactory() {
    }

    /**
     * @param weights where the layer's learned blobs are looked up, by the layer's name
     * @throws vigil.io.caffe.CaffeFormatException for an unknown type, or parameters or blobs that do not fit
     */
    public static CaffeLayer create(LayerSpec spec, CaffeWeights weights) throws IOException {
        LayerWeights blobs = new LayerWeights(spec, weights.blobs(spec.name()), weights.source());
        return switch (spec.type()) {
            case "BatchNorm" -> new BatchNormLayer(spec, blobs);
            case "Concat" -> new ConcatLayer(spec);
            case "Convolution" -> new ConvolutionLayer(spec, blobs);
            case "Crop" -> new CropLayer(spec);
            case "Deconvolution" -> new DeconvolutionLayer(spec, blobs);
            case "DetectionOutput" -> new DetectionOutputLayer(spec);
            case "Eltwise" -> new EltwiseLayer(spec);
            case "Flatten" -> new FlattenLayer(spec);
            case "Permute" -> new PermuteLayer(spec);
            case "Pooling" -> new PoolingLayer(spec);
            case "PriorBox" -> new PriorBoxLayer(spec);
            case "ReLU" -> new ReluLayer(spec);
            case "Reshape" -> new ReshapeLayer(spec);
            case "Scale" -> new ScaleLayer(spec, blobs);
            case "Softmax" -> new SoftmaxLayer(spec);
            default -> throw spec.error("type '" + spec.type() + "' is not supported (supported: "
                    + String.join(", ", SUPPORTED) + ")");
        };
    }
}
