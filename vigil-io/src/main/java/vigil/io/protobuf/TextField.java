package vigil.io.protobuf;

/** One "name: value" or "name { ... }" entry of a text-format message, with its line for errors. */
public record TextField(String name, TextValue value, int line) {
}
