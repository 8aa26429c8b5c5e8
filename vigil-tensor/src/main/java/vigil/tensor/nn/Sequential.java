package vigil.tensor.nn;

import vigil.tensor.Tensor;

/** Layers applied in order, named "0", "1", ... as torch.nn.Sequential names them. */
public final class Sequential extends Module implements Layer {
    private final java.util.List<Layer> layers = new java.util.ArrayList<>();

    public Sequential(Layer... layers) {
        for (Layer l : layers) {
            add(l);
        }
    }

    public Sequential add(Layer layer) {
        if (layer instanceof Module m) {
            registerModule(Integer.toString(layers.size()), m);
        }
        layers.add(layer);
        return this;
    }

    /** The layers in order (a read-only view). */
    public java.util.List<Layer> layers() {
        return java.util.Collections.unmodifiableList(layers);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Layer l : layers) {
            h = l.forward(h);
        }
        return h;
    }
}
