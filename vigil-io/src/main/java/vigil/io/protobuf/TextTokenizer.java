package vigil.io.protobuf;

import java.util.Locale;
import vigil.tensor.io.protobuf.ProtobufFormatException;

/**
 * Splits protobuf text format into tokens: identifiers and numbers (one "word" kind, as the parser
 * only needs to tell a name from a value by position), quoted strings with C escapes, and the
 * punctuation { } < > [ ] : , ;. '#' starts a comment to the end of the line.
 */
final class TextTokenizer {
    enum Kind { WORD, STRING, SYMBOL, END }

    private final String text;
    private final String source;
    private int pos;
    private int line = 1;

    private Kind kind;
    private String token;
    private int tokenLine;

    TextTokenizer(String text, String source) throws ProtobufFormatException {
        this.text = text;
        this.source = source;
        advance();
    }

    Kind kind() {
        return kind;
    }

    String token() {
        return token;
    }

    int line() {
        return tokenLine;
    }

    boolean isSymbol(char c) {
        return kind == Kind.SYMBOL && token.charAt(0) == c;
    }

    ProtobufFormatException error(String what) {
        String near = kind == Kind.END ? "end of input" : kind == Kind.STRING ? "\"" + token + "\"" : token;
        return new ProtobufFormatException(source + ":" + tokenLine + ": " + what + " (at " + near + ")");
    }

    void advance() throws ProtobufFormatException {
        skipSpaceAndComments();
        tokenLine = line;
        if (pos >= text.length()) {
            kind = Kind.END;
            token = "";
            return;
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            kind = Kind.STRING;
            token = readString(c);
        } else if ("{}<>[]:,;".indexOf(c) >= 0) {
            kind = Kind.SYMBOL;
            token = String.valueOf(c);
            pos++;
        } else if (isWordChar(c) || c == '-' || c == '+' || c == '.') {
            int start = pos;
            pos++;
            while (pos < text.length() && (isWordChar(text.charAt(pos)) || text.charAt(pos) == '.'
                    || isExponentSign(start))) {
                pos++;
            }
            kind = Kind.WORD;
            token = text.substring(start, pos);
        } else {
            throw new ProtobufFormatException(source + ":" + line + ": unexpected character '" + c + "'");
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    // Inside a number, a sign directly after the exponent letter belongs to the number (1e-05).
    private boolean isExponentSign(int start) {
        char c = text.charAt(pos);
        char prev = text.charAt(pos - 1);
        if ((c != '-' && c != '+') || (prev != 'e' && prev != 'E')) {
            return false;
        }
        String soFar = text.substring(start, pos).toLowerCase(Locale.ROOT);
        String unsigned = soFar.startsWith("-") || soFar.startsWith("+") ? soFar.substring(1) : soFar;
        return !unsigned.isEmpty() && (Character.isDigit(unsigned.charAt(0)) || unsigned.charAt(0) == '.')
                && !unsigned.startsWith("0x");
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    // Decodes one quoted string; escapes as in C (\n \t \\ \" \' \xHH \ooo). Bytes above 0x7f from
    // octal/hex escapes are kept as Latin-1 chars: Caffe's strings are names, ASCII in practice.
    private String readString(char quote) throws ProtobufFormatException {
        int startLine = line;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw new ProtobufFormatException(source + ":" + startLine + ": unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new ProtobufFormatException(source + ":" + startLine + ": unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case '\\', '"', '\'', '?' -> sb.append(e);
                case 'x', 'X' -> sb.append((char) readDigits(16, 2, startLine));
                default -> {
                    if (e >= '0' && e <= '7') {
                        pos--;
                        sb.append((char) readDigits(8, 3, startLine));
                    } else {
                        throw new ProtobufFormatException(source + ":" + startLine + ": unknown escape \\" + e);
                    }
                }
            }
        }
    }

    private int readDigits(int radix, int max, int startLine) throws ProtobufFormatException {
        int v = 0;
        int n = 0;
        while (n < max && pos < text.length() && Character.digit(text.charAt(pos), radix) >= 0) {
            v = v * radix + Character.digit(text.charAt(pos), radix);
            pos++;
            n++;
        }
        if (n == 0) {
            throw new ProtobufFormatException(source + ":" + startLine + ": escape without digits");
        }
        return v & 0xff;
    }
}
