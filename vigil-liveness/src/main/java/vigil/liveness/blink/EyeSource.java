package vigil.liveness.blink;

/**
 * One real eye pair the training data is made from (open unless eye-labels.txt says otherwise), with where it
 * came from ("file#frameN#faceK").
 */
public record EyeSource(EyeObservation eyes, String origin) {

    /** The file name of the origin, without folder, frame or face, so grouping does not depend on where data is kept. */
    public String fileName() {
        int hash = origin.indexOf('#');
        String path = hash < 0 ? origin : origin.substring(0, hash);
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }
}
