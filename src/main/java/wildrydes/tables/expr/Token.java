package wildrydes.tables.expr;

/** One token of an expression, with where it stands in the source (for syntax error messages). */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        /** A word: an attribute name, a function name or a keyword (AND, SET, ...). */
        WORD,
        /** {@code #name}: an expression attribute name. */
        NAME,
        /** {@code :value}: an expression attribute value. */
        VALUE,
        /** Digits, as in a list index. */
        INTEGER,
        /** Punctuation and operators: ( ) [ ] , . = &lt;&gt; &lt; &lt;= &gt; &gt;= + - */
        SYMBOL,
        /** A character no token starts with (DynamoDB reports it as the offending token). */
        INVALID,
        EOF
    }

    boolean is(String symbol) {
        return (kind == Kind.SYMBOL || kind == Kind.INVALID) && text.equals(symbol);
    }

    /** A word that matches the keyword in any case. */
    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }
}
