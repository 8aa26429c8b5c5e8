package vigil.liveness.blink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Hand labels of the training eyes that are not open ({@code eye-labels.txt} next to the shipped
 * weights): real closed eyes, and eyes that cannot be seen or judged. Every other eye of a photo or
 * frame counts as open. One line per eye: {@code file face left|right closed|unusable why...};
 * {@code #} starts a comment. The file name is matched without its folder, as
 * {@link EyeSource#fileName()} gives it, and the face index is the landmarker's order in that file.
 */
public final class EyeLabels {
    public enum State { OPEN, CLOSED, UNUSABLE }

    private static final String RESOURCE = "/vigil/liveness/blink/eye-labels.txt";
    private final Map<String, State> states;

    private EyeLabels(Map<String, State> states) {
        this.states = Map.copyOf(states);
    }

    /** No labels: every eye is open. */
    public static EyeLabels none() {
        return new EyeLabels(Map.of());
    }

    /** The labels shipped with Vigil. */
    public static EyeLabels shipped() {
        try (InputStream in = EyeLabels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("resource is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Parses label lines; origin names the text in error messages. */
    public static EyeLabels parse(String text, String origin) throws IOException {
        Map<String, State> states = new HashMap<>();
        BufferedReader r = new BufferedReader(new java.io.StringReader(text));
        int lineNo = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            String body = line.strip();
            if (body.isEmpty() || body.startsWith("#")) {
                continue;
            }
            String[] f = body.split("\\s+", 5);
            if (f.length < 4 || !(f[2].equals("left") || f[2].equals("right"))
                    || !(f[3].equals("closed") || f[3].equals("unusable")) || !f[1].matches("\\d+")) {
                throw new IOException(origin + " line " + lineNo + ": expected `file face left|right closed|unusable why`,"
                        + " got `" + body + "`");
            }
            State s = f[3].equals("closed") ? State.CLOSED : State.UNUSABLE;
            if (states.put(key(f[0], Integer.parseInt(f[1]), f[2].equals("left")), s) != null) {
                throw new IOException(origin + " line " + lineNo + ": " + f[0] + " face " + f[1] + " " + f[2]
                        + " is labelled twice");
            }
        }
        return new EyeLabels(states);
    }

    /** The state of one eye of a source; OPEN unless labelled (video frames are never labelled). */
    public State state(EyeSource source, boolean left) {
        int face = source.faceIndex();
        if (source.fromVideo() || face < 0) {
            return State.OPEN;
        }
        return states.getOrDefault(key(source.fileName(), face, left), State.OPEN);
    }

    /** Number of labelled eyes. */
    public int size() {
        return states.size();
    }

    private static String key(String file, int face, boolean left) {
        return file + "#" + face + (left ? "L" : "R");
    }
}
