package vigil.data.loader;

/** A sample the loader left out because it could not be read ({@code skipBad}), and why. */
public record SkippedSample(String id, int datasetIndex, int epoch, String reason) {
    @Override
    public String toString() {
        return id + " (epoch " + epoch + "): " + reason;
    }
}
