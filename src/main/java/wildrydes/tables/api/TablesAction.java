package wildrydes.tables.api;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One operation of the DynamoDB API: its input fields (types and constraints as data) and what
 * it does with a request that passed them. Errors are {@link wildrydes.tables.TablesException}s,
 * thrown or in the future.
 */
interface TablesAction {

    /** As in {@code X-Amz-Target: DynamoDB_20120810.<name>}. */
    String name();

    Map<String, Field> fields();

    CompletableFuture<Reply> execute(Request request);

    /** The table a call names, for metrics (null when it names none or several). */
    default String tableOf(Request request) {
        return request.has("TableName") ? request.string("TableName") : null;
    }
}
