package vigil.io.protobuf;

/** The value of one field in a protobuf text-format message: a scalar token or a nested message. */
public sealed interface TextValue permits TextScalar, TextMessage {
}
