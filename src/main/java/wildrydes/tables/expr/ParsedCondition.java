package wildrydes.tables.expr;

import java.util.Set;

/**
 * A resolved condition and the attributes it reads: {@code heads} are the top-level attribute
 * names of its paths, {@code nestedHeads} those reached through a nested path.
 */
public record ParsedCondition(Condition condition, Set<String> heads, Set<String> nestedHeads) {
}
