package vigil.tensor;

/** A shape or dtype that an operation cannot accept; the message names the op and the shapes. */
public class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) {
        super(message);
    }
}
