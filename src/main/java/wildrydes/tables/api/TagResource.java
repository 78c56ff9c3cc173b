package wildrydes.tables.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.TableDefinition;
import wildrydes.tables.TablesException;
import wildrydes.tables.TablesService;

/** TagResource: adds or replaces tags of a table. */
final class TagResource extends BaseAction {
    TagResource(TablesService service) {
        super("TagResource", service, Field.string("ResourceArn").length(1, 1283), Fields.tags());
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        String arn = ResourceArns.check(r, service, "TagResource");
        if (!r.has("Tags")) {
            throw TablesException.validation("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
        }
        ResourceArns.checkTableArn(arn);
        if (r.list("Tags").isEmpty()) {
            throw TablesException.validation("Atleast one Tag needs to be provided as Input.");
        }
        List<TableDefinition.Tag> tags = new ArrayList<>();
        for (Object o : r.list("Tags")) {
            Request t = Request.of(o);
            tags.add(new TableDefinition.Tag(t.string("Key"), t.string("Value")));
        }
        return service.tagResource(arn, tags).thenApply(v -> Reply.EMPTY);
    }

    @Override
    public String tableOf(Request request) {
        return null;
    }
}
