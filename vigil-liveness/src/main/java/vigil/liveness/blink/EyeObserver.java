package vigil.liveness.blink;

import java.util.Optional;
import vigil.data.image.BgrImage;

/**
 * Finds the face in a frame and returns its eyes, or empty when no face is found. An observer may
 * remember the previous frame (to track a face); {@link #reset()} starts a new stream.
 */
@FunctionalInterface
public interface EyeObserver {
    Optional<EyeObservation> observe(BgrImage frame);

    /** Forgets what earlier frames showed. */
    default void reset() {
    }
}
