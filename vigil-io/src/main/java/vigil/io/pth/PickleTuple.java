package vigil.io.pth;

import java.util.Collections;
import java.util.List;

/**
 * A Python tuple as the restricted unpickler builds it. Kept apart from lists (which the unpickler
 * builds as {@code ArrayList}) because torch's rebuild functions take tuples and a dict key may be a
 * tuple but never a list. Items may be {@code null} (Python's None).
 */
public record PickleTuple(List<Object> items) {
    public PickleTuple {
        items = Collections.unmodifiableList(items);
    }

    public int size() {
        return items.size();
    }

    public Object get(int i) {
        return items.get(i);
    }
}
