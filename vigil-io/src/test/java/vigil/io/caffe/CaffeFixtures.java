package vigil.io.caffe;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Where the Caffe tests find their inputs: committed fixtures and the shared Silent-Face models. */
final class CaffeFixtures {
    private CaffeFixtures() {
    }

    /** A file under src/test/resources/caffe (from the test classpath, else the module path). */
    static Path resource(String name) {
        URL url = CaffeFixtures.class.getResource("/caffe/" + name);
        if (url != null && "file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return Path.of("src/test/resources/caffe", name);
    }

    static Path shared() {
        return Path.of(System.getProperty("vigil.shared", "../../shared"));
    }

    static Path detectorPrototxt() {
        return shared().resolve("models/silent-face/deploy.prototxt");
    }

    static Path detectorWeights() {
        return shared().resolve("models/silent-face/Widerface-RetinaFace.caffemodel");
    }
}
