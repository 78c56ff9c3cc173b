package wildrydes.tables.api;

import java.util.concurrent.CompletableFuture;
import wildrydes.tables.TablesService;

/** DescribeTable: a table's definition, state and size. */
final class DescribeTable extends BaseAction {
    DescribeTable(TablesService service) {
        super("DescribeTable", service, Fields.tableNameRequired());
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        var view = service.describeTable(Fields.table(r.string("TableName")));
        return CompletableFuture.completedFuture(out -> {
            out.writeStartObject();
            out.writeFieldName("Table");
            TableDescriptions.write(out, view, service.settings());
            out.writeEndObject();
        });
    }
}
