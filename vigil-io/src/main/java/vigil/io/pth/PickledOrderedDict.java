package vigil.io.pth;

import java.util.LinkedHashMap;

/**
 * An instance of {@code collections.OrderedDict} made by the unpickler. A distinct type so that BUILD
 * (setting instance attributes such as a state_dict's {@code _metadata}) is allowed on it and on
 * nothing else.
 */
final class PickledOrderedDict extends LinkedHashMap<Object, Object> {
}
