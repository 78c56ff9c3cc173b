package wildrydes.tables.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * The recursive-descent grammar of DynamoDB expressions (condition, update and projection),
 * producing {@link Node} trees. It backtracks where the grammar is ambiguous (a parenthesis
 * may open a condition or an operand); a syntax error is reported at the furthest token any
 * alternative reached, as {@code Syntax error; token: "<token>", near: "<previous token to next
 * token>"}, which is how DynamoDB words it.
 */
final class Parser {
    private static final List<String> COMPARATORS = List.of("=", "<>", "<", "<=", ">", ">=");
    private static final List<String> CONDITION_KEYWORDS = List.of("AND", "OR", "NOT", "BETWEEN", "IN");
    private static final List<String> SECTIONS = List.of("SET", "REMOVE", "ADD", "DELETE");

    /** A failed alternative; where it failed is kept in {@link #furthest}. */
    private static final class Backtrack extends RuntimeException {
        Backtrack() {
            super(null, null, false, false);
        }
    }

    private static final Backtrack BACKTRACK = new Backtrack();

    private final String source;
    private final List<Token> tokens;
    private int position;
    private int furthest;

    private Parser(String source) {
        this.source = source;
        this.tokens = Lexer.tokens(source);
    }

    static Node condition(String source) {
        Parser p = new Parser(source);
        return p.whole(p::orCondition);
    }

    static Node update(String source) {
        Parser p = new Parser(source);
        return p.whole(() -> {
            List<Node> sections = new ArrayList<>();
            sections.add(p.section());
            while (p.peek().kind() != Token.Kind.EOF) {
                sections.add(p.section());
            }
            return Node.of(Node.Kind.AND, "sections", p.tokens.getFirst(), sections);
        });
    }

    static Node projection(String source) {
        Parser p = new Parser(source);
        return p.whole(() -> {
            List<Node> paths = new ArrayList<>();
            paths.add(p.path());
            while (p.accept(",")) {
                paths.add(p.path());
            }
            return Node.of(Node.Kind.AND, "paths", p.tokens.getFirst(), paths);
        });
    }

    private interface Rule {
        Node parse();
    }

    private Node whole(Rule rule) {
        try {
            Node node = rule.parse();
            if (peek().kind() == Token.Kind.EOF) {
                return node;
            }
            fail();
        } catch (Backtrack ignored) {
            // reported below
        }
        throw syntaxError();
    }

    private ExpressionException syntaxError() {
        int at = Math.min(furthest, tokens.size() - 1);
        Token token = tokens.get(at);
        int from = at > 0 ? tokens.get(at - 1).start() : token.start();
        int to = at + 1 < tokens.size() ? tokens.get(at + 1).end() : token.end();
        to = Math.max(to, token.end());
        return new ExpressionException("Syntax error; token: \"" + token.text() + "\", near: \"" + source.substring(from, to) + "\"");
    }

    // ---- conditions

    private Node orCondition() {
        Node left = andCondition();
        while (peek().isKeyword("OR")) {
            Token or = next();
            left = Node.of(Node.Kind.OR, "OR", or, List.of(left, andCondition()));
        }
        return left;
    }

    private Node andCondition() {
        Node left = notCondition();
        while (peek().isKeyword("AND")) {
            Token and = next();
            left = Node.of(Node.Kind.AND, "AND", and, List.of(left, notCondition()));
        }
        return left;
    }

    private Node notCondition() {
        if (peek().isKeyword("NOT")) {
            Token not = next();
            return Node.of(Node.Kind.NOT, "NOT", not, List.of(notCondition()));
        }
        return primaryCondition();
    }

    private Node primaryCondition() {
        if (peek().is("(")) {
            int start = position;
            try {
                Token open = next();
                Node inner = orCondition();
                expect(")");
                if (!startsComparison(peek())) {
                    return Node.of(Node.Kind.PARENS, "()", open, List.of(inner));
                }
            } catch (Backtrack ignored) {
                // not a parenthesised condition: an operand in parentheses
            }
            position = start;
        }
        Node left = operand();
        Token t = peek();
        if (t.kind() == Token.Kind.SYMBOL && COMPARATORS.contains(t.text())) {
            next();
            return Node.of(Node.Kind.COMPARE, t.text(), t, List.of(left, operand()));
        }
        if (t.isKeyword("BETWEEN")) {
            next();
            Node low = operand();
            expectKeyword("AND");
            return Node.of(Node.Kind.BETWEEN, "BETWEEN", t, List.of(left, low, operand()));
        }
        if (t.isKeyword("IN")) {
            next();
            expect("(");
            List<Node> args = new ArrayList<>();
            args.add(left);
            args.add(operand());
            while (accept(",")) {
                args.add(operand());
            }
            expect(")");
            return Node.of(Node.Kind.IN, "IN", t, args);
        }
        if (left.kind() == Node.Kind.FUNCTION) {
            return left;
        }
        return fail();
    }

    private static boolean startsComparison(Token t) {
        return (t.kind() == Token.Kind.SYMBOL && COMPARATORS.contains(t.text())) || t.isKeyword("BETWEEN") || t.isKeyword("IN");
    }

    // ---- updates

    private Node section() {
        Token keyword = peek();
        String section = SECTIONS.stream().filter(keyword::isKeyword).findFirst().orElse(null);
        if (section == null) {
            return fail();
        }
        next();
        List<Node> actions = new ArrayList<>();
        do {
            actions.add(switch (section) {
                case "SET" -> assignment();
                case "REMOVE" -> path();
                default -> {
                    Node path = path();
                    Token value = peek();
                    if (value.kind() != Token.Kind.VALUE) {
                        fail();
                    }
                    next();
                    yield Node.of(Node.Kind.ASSIGN, section, keyword, List.of(path, Node.leaf(Node.Kind.VALUE_REF, value)));
                }
            });
        } while (accept(","));
        return Node.of(Node.Kind.valueOf(section), section, keyword, actions);
    }

    private Node assignment() {
        Node path = path();
        Token eq = peek();
        expect("=");
        Node value;
        if (peek().is("(")) {
            int start = position;
            try {
                next();
                value = arithmetic();
                expect(")");
                return Node.of(Node.Kind.ASSIGN, "=", eq, List.of(path, value));
            } catch (Backtrack ignored) {
                position = start;
            }
        }
        value = arithmetic();
        return Node.of(Node.Kind.ASSIGN, "=", eq, List.of(path, value));
    }

    private Node arithmetic() {
        Node left = operand();
        Token t = peek();
        if (t.is("+") || t.is("-")) {
            next();
            return Node.of(t.is("+") ? Node.Kind.PLUS : Node.Kind.MINUS, t.text(), t, List.of(left, operand()));
        }
        return left;
    }

    // ---- operands and paths

    private Node operand() {
        Token t = peek();
        if (t.is("(")) {
            next();
            Node inner = operand();
            expect(")");
            return Node.of(Node.Kind.PARENS, "()", t, List.of(inner));
        }
        if (t.kind() == Token.Kind.VALUE) {
            next();
            return Node.leaf(Node.Kind.VALUE_REF, t);
        }
        if (t.kind() == Token.Kind.WORD && peekAt(1).is("(") && !isConditionKeyword(t)) {
            next();
            next();
            List<Node> args = new ArrayList<>();
            args.add(operand());
            while (accept(",")) {
                args.add(operand());
            }
            expect(")");
            return Node.of(Node.Kind.FUNCTION, t.text(), t, args);
        }
        return path();
    }

    private Node path() {
        List<Node> elements = new ArrayList<>();
        Token first = peek();
        elements.add(pathElement());
        while (true) {
            if (peek().is(".")) {
                next();
                elements.add(pathElement());
            } else if (peek().is("[")) {
                next();
                Token index = peek();
                if (index.kind() != Token.Kind.INTEGER) {
                    fail();
                }
                next();
                expect("]");
                elements.add(Node.leaf(Node.Kind.INDEX, index));
            } else {
                return Node.of(Node.Kind.PATH, first.text(), first, elements);
            }
        }
    }

    private Node pathElement() {
        Token t = peek();
        if (t.kind() == Token.Kind.WORD && !isConditionKeyword(t)) {
            next();
            return Node.leaf(Node.Kind.ATTRIBUTE, t);
        }
        if (t.kind() == Token.Kind.NAME) {
            next();
            return Node.leaf(Node.Kind.NAME_REF, t);
        }
        return fail();
    }

    private static boolean isConditionKeyword(Token t) {
        return CONDITION_KEYWORDS.stream().anyMatch(t::isKeyword);
    }

    // ---- token cursor

    private Token peek() {
        return tokens.get(position);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(position);
        if (position < tokens.size() - 1) {
            position++;
        }
        return t;
    }

    private boolean accept(String symbol) {
        if (peek().is(symbol)) {
            next();
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            fail();
        }
    }

    private void expectKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) {
            fail();
        }
        next();
    }

    private <T> T fail() {
        furthest = Math.max(furthest, position);
        throw BACKTRACK;
    }
}
