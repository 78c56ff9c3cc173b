package wildrydes.tables.expr;

import java.util.List;
import java.util.Set;

/** A resolved update: its actions in order, the top-level attributes it writes, and those it writes through nested paths. */
public record UpdatePlan(List<UpdateAction> actions, Set<String> heads, Set<String> nestedHeads) {

    public List<DocPath> paths() {
        return actions.stream().map(UpdateAction::path).toList();
    }
}
