package wildrydes.tables.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.TablesException;
import wildrydes.tables.TablesService;

/** UntagResource: removes tags of a table by key. */
final class UntagResource extends BaseAction {
    UntagResource(TablesService service) {
        super("UntagResource", service, Field.string("ResourceArn").length(1, 1283),
                Field.list("TagKeys", Field.string("member").length(1, 128)));
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        String arn = ResourceArns.check(r, service, "UntagResource");
        if (!r.has("TagKeys")) {
            throw TablesException.validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
        }
        ResourceArns.checkTableArn(arn);
        if (r.list("TagKeys").isEmpty()) {
            throw TablesException.validation("Atleast one Tag Key needs to be provided as Input.");
        }
        List<String> keys = r.list("TagKeys").stream().map(String.class::cast).toList();
        return service.untagResource(arn, keys).thenApply(v -> Reply.EMPTY);
    }

    @Override
    public String tableOf(Request request) {
        return null;
    }
}
