package vigil.io.protobuf;

/**
 * A scalar as written in a text-format message: the decoded contents of a quoted string (quoted =
 * true), or a bare token such as a number, an enum name or true/false (quoted = false).
 */
public record TextScalar(String text, boolean quoted) implements TextValue {
}
