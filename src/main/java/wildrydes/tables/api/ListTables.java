package wildrydes.tables.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.TablesService;

/** ListTables: table names in order, 100 (or Limit) at a time. */
final class ListTables extends BaseAction {
    ListTables(TablesService service) {
        super("ListTables", service, Field.integer("Limit").range(1, 100),
                Field.string("ExclusiveStartTableName").pattern(Fields.NAME_PATTERN).length(3, 255));
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        int limit = r.has("Limit") ? r.integer("Limit") : 100;
        List<String> names = service.listTables(r.string("ExclusiveStartTableName"), limit + 1);
        boolean more = names.size() > limit;
        List<String> page = more ? names.subList(0, limit) : names;
        return CompletableFuture.completedFuture(out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("TableNames");
            for (String name : page) {
                out.writeString(name);
            }
            out.writeEndArray();
            if (more) {
                out.writeStringField("LastEvaluatedTableName", page.getLast());
            }
            out.writeEndObject();
        });
    }
}
