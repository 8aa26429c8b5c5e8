package vigil.liveness.blink;

/**
 * One real eye pair the training data is made from (open unless eye-labels.txt says otherwise), with where it
 * came from ("file#frameN#faceK").
 */
public record EyeSource(EyeObservation eyes, String origin) {
    private static final String FRAME = "#frame";
    private static final String FACE = "#face";

    /** The origin of face k of an image or video frame called where ("file" or "file#frameN"). */
    static String origin(String where, int face) {
        return where + FACE + face;
    }

    /** The origin "file#frameN" of frame n of a video. */
    static String frame(String video, int n) {
        return video + FRAME + n;
    }

    /** True when the eyes come from a video frame rather than a still image. */
    public boolean fromVideo() {
        return origin.contains(FRAME);
    }

    /** The index of the face in its image or frame, or -1 where the origin names none. */
    public int faceIndex() {
        int at = origin.lastIndexOf(FACE);
        return at < 0 ? -1 : Integer.parseInt(origin.substring(at + FACE.length()));
    }

    /** The file name of the origin, without folder, frame or face, so grouping does not depend on where data is kept. */
    public String fileName() {
        int hash = origin.indexOf('#');
        String path = hash < 0 ? origin : origin.substring(0, hash);
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }
}
