package vigil.liveness.blink;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Fetched test data (scripts/fetch-test-data.sh) as the blink tests find it; tests skip, saying why, without it. */
final class BlinkFixtures {
    private BlinkFixtures() {
    }

    static Path cache() {
        return Path.of(System.getProperty("vigil.data.cache", "../.cache/data"));
    }

    static Path clip() {
        Path p = cache().resolve("video/kphotoalbum_movie.avi");
        assumeTrue(Files.isRegularFile(p), "the kphotoalbum clip is not fetched (" + p.toAbsolutePath()
                + "); run scripts/fetch-test-data.sh");
        return p;
    }

    static Path faceApi() {
        Path p = cache().resolve("face-api");
        assumeTrue(Files.isRegularFile(p.resolve("face_landmark_68_model-weights_manifest.json")),
                "face-api models are not fetched (" + p.toAbsolutePath() + "); run scripts/fetch-test-data.sh");
        return p;
    }

    static Path photo(String name) {
        Path p = cache().resolve("photos").resolve(name);
        assumeTrue(Files.isRegularFile(p), name + " is not fetched (" + p.toAbsolutePath()
                + "); run scripts/fetch-test-data.sh");
        return p;
    }
}
