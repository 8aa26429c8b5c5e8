package vigil.cli.check;

import java.nio.file.Path;
import java.util.List;
import vigil.liveness.passive.FaceVerdict;

/** The outcome for one input image: its faces (possibly none), or the error that stopped it. */
public record ImageResult(Path path, List<FaceVerdict> faces, String error) {
    public boolean ok() {
        return error == null;
    }
}
