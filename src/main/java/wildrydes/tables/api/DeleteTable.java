package wildrydes.tables.api;

import java.util.concurrent.CompletableFuture;
import wildrydes.tables.TablesService;

/** DeleteTable: the table is DELETING for a moment, then gone with its items. */
final class DeleteTable extends BaseAction {
    DeleteTable(TablesService service) {
        super("DeleteTable", service, Fields.tableNameRequired());
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        return service.deleteTable(Fields.table(r.string("TableName"))).thenApply(view -> out -> {
            out.writeStartObject();
            out.writeFieldName("TableDescription");
            TableDescriptions.write(out, view, service.settings());
            out.writeEndObject();
        });
    }
}
