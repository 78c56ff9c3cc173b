package wildrydes.tables.api;

import java.util.concurrent.CompletableFuture;
import wildrydes.tables.TableDefinition;
import wildrydes.tables.TablesService;

/** ListTagsOfResource: a table's tags. */
final class ListTagsOfResource extends BaseAction {
    ListTagsOfResource(TablesService service) {
        super("ListTagsOfResource", service, Field.string("ResourceArn").length(1, 1283), Field.string("NextToken"));
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        String arn = ResourceArns.check(r, service, "ListTagsOfResource");
        ResourceArns.checkTableArn(arn);
        var tags = service.listTags(arn);
        return CompletableFuture.completedFuture(out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("Tags");
            for (TableDefinition.Tag t : tags) {
                out.writeStartObject();
                out.writeStringField("Key", t.key());
                out.writeStringField("Value", t.value());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    @Override
    public String tableOf(Request request) {
        return null;
    }
}
