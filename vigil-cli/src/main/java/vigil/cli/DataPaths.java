package vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where fetched data lives: $VIGIL_DATA_CACHE or .cache/data beside the launcher. */
final class DataPaths {
    private DataPaths() {
    }

    /** The checkout the launcher runs from ($VIGIL_HOME), else the working directory. */
    static Path home() {
        String home = System.getenv("VIGIL_HOME");
        return home != null ? Path.of(home) : Path.of(".");
    }

    static Path cache() {
        String env = System.getenv("VIGIL_DATA_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return home().resolve(".cache/data");
    }

    /** The Silent-Face models: $VIGIL_MODELS, else ../shared/models/silent-face beside the checkout. */
    static Path silentFaceModels() {
        String env = System.getenv("VIGIL_MODELS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return shared().resolve("models/silent-face");
    }

    /** The shared folder: $VIGIL_SHARED, else ../shared beside the checkout. */
    static Path shared() {
        String env = System.getenv("VIGIL_SHARED");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return home().resolve("../shared").normalize();
    }

    /** The Fashion-MNIST folder, fetched by scripts/fetch-test-data.sh if absent. */
    static Path fashionMnist(Path override) throws IOException {
        Path dir = override != null ? override : cache().resolve("fashion-mnist");
        if (!Files.isRegularFile(dir.resolve("t10k-labels-idx1-ubyte.gz"))) {
            throw new IOException("Fashion-MNIST not found in " + dir.toAbsolutePath()
                    + "; run scripts/fetch-test-data.sh (or pass --data DIR)");
        }
        return dir;
    }
}
