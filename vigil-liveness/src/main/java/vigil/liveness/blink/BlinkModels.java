package vigil.liveness.blink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import vigil.tensor.init.Rng;
import vigil.tensor.io.Checkpoint;
import vigil.tensor.nn.Module;

/**
 * The three trained blink-liveness models, as shipped (classpath resources under
 * {@code vigil/liveness/blink/}) or as written by {@link BlinkTraining} into a directory:
 * the eye-state CNN, the blink GRU and the passive-score smoother GRU.
 */
public record BlinkModels(EyeStateCnn eyeState, BlinkGru blink, ScoreSmootherGru smoother) {
    public static final String EYE_STATE_FILE = "eye-state-cnn.safetensors";
    public static final String BLINK_FILE = "blink-gru.safetensors";
    public static final String SMOOTHER_FILE = "score-smoother-gru.safetensors";
    private static final String RESOURCE_DIR = "/vigil/liveness/blink/";

    /** Fresh, untrained models initialised from seed (what training starts from). */
    public static BlinkModels initial(long seed) {
        Rng rng = new Rng(seed);
        return new BlinkModels(new EyeStateCnn(rng.fork(1)), new BlinkGru(rng.fork(2)), new ScoreSmootherGru(rng.fork(3)));
    }

    /** The weights shipped with Vigil. */
    public static BlinkModels shipped() {
        BlinkModels m = initial(0);
        try {
            loadResource(EYE_STATE_FILE, m.eyeState());
            loadResource(BLINK_FILE, m.blink());
            loadResource(SMOOTHER_FILE, m.smoother());
        } catch (IOException e) {
            throw new UncheckedIOException("shipped blink weights are unreadable: " + e.getMessage(), e);
        }
        return m.inEvalMode();
    }

    /** Models from a directory written by {@link #save(Path)}. */
    public static BlinkModels load(Path dir) throws IOException {
        BlinkModels m = initial(0);
        Checkpoint.load(dir.resolve(EYE_STATE_FILE), m.eyeState());
        Checkpoint.load(dir.resolve(BLINK_FILE), m.blink());
        Checkpoint.load(dir.resolve(SMOOTHER_FILE), m.smoother());
        return m.inEvalMode();
    }

    /** Writes the three safetensors files into dir (atomically each), with the training settings as metadata. */
    public void save(Path dir, Map<String, String> metadata) throws IOException {
        Files.createDirectories(dir);
        Checkpoint.save(dir.resolve(EYE_STATE_FILE), eyeState, "{\"model\":\"EyeStateCnn\",\"crop\":" + EyeStateCnn.CROP
                + "}", metadata);
        Checkpoint.save(dir.resolve(BLINK_FILE), blink, "{\"model\":\"BlinkGru\",\"features\":" + BlinkFeatures.SIZE
                + ",\"hidden\":" + BlinkGru.HIDDEN + "}", metadata);
        Checkpoint.save(dir.resolve(SMOOTHER_FILE), smoother, "{\"model\":\"ScoreSmootherGru\",\"hidden\":"
                + ScoreSmootherGru.HIDDEN + "}", metadata);
    }

    public BlinkModels inEvalMode() {
        eyeState.eval();
        blink.eval();
        smoother.eval();
        return this;
    }

    public int parameterCount() {
        return eyeState.parameterCount() + blink.parameterCount() + smoother.parameterCount();
    }

    private static void loadResource(String name, Module module) throws IOException {
        try (InputStream in = BlinkModels.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCE_DIR + name + " is missing from the classpath");
            }
            // The safetensors reader works on files; the resource may sit inside a jar.
            Path tmp = Files.createTempFile("vigil-blink-", ".safetensors");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Checkpoint.load(tmp, module);
            } catch (IOException e) {
                throw new IOException(RESOURCE_DIR + name + ": " + e.getMessage(), e);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
