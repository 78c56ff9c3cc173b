package wildrydes.tables.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; never fails (an unknown character becomes an INVALID token). */
final class Lexer {
    private Lexer() {
    }

    static List<Token> tokens(String source) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (true) {
            while (i < n && isSpace(source.charAt(i))) {
                i++;
            }
            if (i >= n) {
                tokens.add(new Token(Token.Kind.EOF, "<EOF>", n, n));
                return tokens;
            }
            char c = source.charAt(i);
            int start = i;
            if (isWordStart(c)) {
                i++;
                while (i < n && isWordPart(source.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.WORD, source.substring(start, i), start, i));
            } else if (c == '#' || c == ':') {
                i++;
                while (i < n && isWordPart(source.charAt(i))) {
                    i++;
                }
                Token.Kind kind = i == start + 1 ? Token.Kind.INVALID : c == '#' ? Token.Kind.NAME : Token.Kind.VALUE;
                tokens.add(new Token(kind, source.substring(start, i), start, i));
            } else if (c >= '0' && c <= '9') {
                while (i < n && source.charAt(i) >= '0' && source.charAt(i) <= '9') {
                    i++;
                }
                tokens.add(new Token(Token.Kind.INTEGER, source.substring(start, i), start, i));
            } else if ((c == '<' || c == '>') && i + 1 < n && (source.charAt(i + 1) == '=' || (c == '<' && source.charAt(i + 1) == '>'))) {
                i += 2;
                tokens.add(new Token(Token.Kind.SYMBOL, source.substring(start, i), start, i));
            } else if ("()[],.=<>+-".indexOf(c) >= 0) {
                i++;
                tokens.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), start, i));
            } else {
                i += Character.charCount(source.codePointAt(i));
                tokens.add(new Token(Token.Kind.INVALID, source.substring(start, i), start, i));
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || (c >= '0' && c <= '9');
    }
}
