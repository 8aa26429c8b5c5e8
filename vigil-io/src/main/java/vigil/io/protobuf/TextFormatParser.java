package vigil.io.protobuf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vigil.tensor.io.protobuf.ProtobufFormatException;

/**
 * Parses protobuf text format (what Caffe's .prototxt files are) into {@link TextMessage}s, without a
 * schema. Grammar: message = field*; field = name ( ':'? '{' message '}' | ':'? '<' message '>' |
 * ':' scalar | ':' '[' scalar (',' scalar)* ']' ) (',' | ';')?; adjacent quoted strings join.
 * Nesting is capped so a hostile file cannot exhaust the stack.
 */
public final class TextFormatParser {
    /** Deeper nesting than any real network definition; guards the recursive descent. */
    private static final int MAX_DEPTH = 100;
    /** Larger than any real prototxt by orders of magnitude; refused before reading. */
    private static final long MAX_FILE_BYTES = 64L << 20;

    private final TextTokenizer tokens;
    private final String source;

    private TextFormatParser(String text, String source) throws ProtobufFormatException {
        this.tokens = new TextTokenizer(text, source);
        this.source = source;
    }

    /** Parses a whole file as one message; the file must be UTF-8. */
    public static TextMessage parse(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ProtobufFormatException(file + ": " + size + " bytes, more than the " + MAX_FILE_BYTES
                    + " a text-format file may have");
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtobufFormatException(file + ": not UTF-8 text (a binary file given as a text-format one?)");
        }
        return parse(text, file.toString());
    }

    /** Parses text as one message; source names it in error messages. */
    public static TextMessage parse(String text, String source) throws ProtobufFormatException {
        return new TextFormatParser(text, source).fields(1, null, 0);
    }

    // Reads fields up to the closing symbol (or the end of input at top level).
    private TextMessage fields(int startLine, Character close, int depth) throws ProtobufFormatException {
        if (depth > MAX_DEPTH) {
            throw tokens.error("messages nested more than " + MAX_DEPTH + " deep");
        }
        List<TextField> fields = new ArrayList<>();
        while (true) {
            if (close == null && tokens.kind() == TextTokenizer.Kind.END) {
                break;
            }
            if (close != null && tokens.isSymbol(close)) {
                tokens.advance();
                break;
            }
            if (close == null && (tokens.isSymbol('}') || tokens.isSymbol('>'))) {
                throw tokens.error("unexpected '" + tokens.token() + "' at top level");
            }
            if (tokens.kind() == TextTokenizer.Kind.END) {
                throw tokens.error("missing '" + close + "' for the message opened on line " + startLine);
            }
            if (tokens.kind() != TextTokenizer.Kind.WORD || !isIdentifier(tokens.token())) {
                throw tokens.error("expected a field name");
            }
            String name = tokens.token();
            int line = tokens.line();
            tokens.advance();
            readValue(name, line, depth, fields);
            if (tokens.isSymbol(',') || tokens.isSymbol(';')) {
                tokens.advance();
            }
        }
        return new TextMessage(source, startLine, fields);
    }

    private void readValue(String name, int line, int depth, List<TextField> out) throws ProtobufFormatException {
        boolean colon = tokens.isSymbol(':');
        if (colon) {
            tokens.advance();
        }
        if (tokens.isSymbol('{') || tokens.isSymbol('<')) {
            char close = tokens.isSymbol('{') ? '}' : '>';
            tokens.advance();
            out.add(new TextField(name, fields(line, close, depth + 1), line));
            return;
        }
        if (!colon) {
            throw tokens.error("expected ':' or '{' after field '" + name + "'");
        }
        if (tokens.isSymbol('[')) {
            tokens.advance();
            if (tokens.isSymbol(']')) {
                tokens.advance();
                return;
            }
            while (true) {
                out.add(new TextField(name, scalar(name), line));
                if (tokens.isSymbol(']')) {
                    tokens.advance();
                    return;
                }
                if (!tokens.isSymbol(',')) {
                    throw tokens.error("expected ',' or ']' in the list of field '" + name + "'");
                }
                tokens.advance();
            }
        }
        out.add(new TextField(name, scalar(name), line));
    }

    private TextScalar scalar(String name) throws ProtobufFormatException {
        if (tokens.kind() == TextTokenizer.Kind.STRING) {
            StringBuilder sb = new StringBuilder();
            while (tokens.kind() == TextTokenizer.Kind.STRING) {
                sb.append(tokens.token());
                tokens.advance();
            }
            return new TextScalar(sb.toString(), true);
        }
        if (tokens.kind() != TextTokenizer.Kind.WORD) {
            throw tokens.error("expected a value for field '" + name + "'");
        }
        String t = tokens.token();
        tokens.advance();
        return new TextScalar(t, false);
    }

    private static boolean isIdentifier(String t) {
        if (t.isEmpty() || !(Character.isLetter(t.charAt(0)) || t.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }
}
