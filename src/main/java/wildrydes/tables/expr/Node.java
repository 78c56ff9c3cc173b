package wildrydes.tables.expr;

import java.util.List;

/**
 * The parse tree of an expression, before names and values are resolved and checked (that is
 * {@link Resolver}'s job, so every check sees the whole expression, as DynamoDB's do).
 */
record Node(Kind kind, String text, List<Node> children, Token token) {

    enum Kind {
        // paths: children are elements
        PATH, ATTRIBUTE, NAME_REF, INDEX,
        // operands
        VALUE_REF, FUNCTION, PLUS, MINUS,
        // conditions
        COMPARE, BETWEEN, IN, AND, OR, NOT, PARENS,
        // update sections: children are actions
        SET, REMOVE, ADD, DELETE, ASSIGN
    }

    static Node leaf(Kind kind, Token token) {
        return new Node(kind, token.text(), List.of(), token);
    }

    static Node of(Kind kind, String text, Token token, List<Node> children) {
        return new Node(kind, text, List.copyOf(children), token);
    }

    Node child(int i) {
        return children.get(i);
    }
}
