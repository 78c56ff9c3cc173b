package wildrydes.tables.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wildrydes.tables.TablesError;
import wildrydes.tables.TablesException;
import wildrydes.tables.TablesService;
import wildrydes.tables.storage.StoreException;

/**
 * The DynamoDB API (JSON 1.0) on top of {@link TablesService}: one call in, one answer out, in
 * DynamoDB's order of checks: JSON, operation, authentication, types, constraints, the
 * operation's own checks, then the service. Every answer carries the CRC32 of its body, which
 * the AWS SDKs verify ({@code x-amz-crc32}).
 */
public final class TablesEndpoint {
    public static final String TARGET_PREFIX = "DynamoDB_20120810.";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final Logger LOG = LoggerFactory.getLogger(TablesEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    /** The answer: status, body and (for errors) the error type for the x-amzn-ErrorType header. */
    public record Answer(int status, String contentType, byte[] body, String errorType) {
        public long crc32() {
            CRC32 crc = new CRC32();
            crc.update(body);
            return crc.getValue();
        }
    }

    /** What the edge knows about the request's authentication. */
    public record Authentication(String authorization, boolean hasDate, Map<String, List<String>> query) {
    }

    /**
     * Verifies a request's signature once its shape is checked (on a server with credentials) and
     * names the endpoint of the account it acts for, whose tables it sees.
     */
    @FunctionalInterface
    public interface Authorizer {
        /** @throws TablesException DynamoDB's answer to a request whose signature does not verify */
        TablesEndpoint authorize();
    }

    private final TablesService service;
    private final Map<String, TablesAction> actions = new HashMap<>();

    public TablesEndpoint(TablesService service) {
        this.service = service;
        for (TablesAction action : Actions.all(service)) {
            actions.put(action.name(), action);
        }
    }

    /** Whether the target is DynamoDB's (this endpoint answers it, known operation or not). */
    public static boolean handles(String target) {
        return target != null && target.startsWith("DynamoDB_");
    }

    /** A call on a server without accounts: any well-shaped signature passes. */
    public CompletableFuture<Answer> handle(String target, String contentType, byte[] body, Authentication auth) {
        return handle(target, contentType, body, auth, () -> this);
    }

    /** A call that {@code authorizer} verifies after its shape, and that the endpoint it names answers. */
    public CompletableFuture<Answer> handle(String target, String contentType, byte[] body, Authentication auth,
                                            Authorizer authorizer) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (body.length > 0 && !type.equals(CONTENT_TYPE) && !type.equals("application/json")) {
            return CompletableFuture.completedFuture(new Answer(404, "text/plain", "<UnknownOperationException/>\n".getBytes(), null));
        }
        String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
        TablesAction action = operation == null ? null : actions.get(operation);
        JsonNode json;
        TablesEndpoint account;
        try {
            json = body.length == 0 ? null : parse(body);
            if (action == null) {
                return CompletableFuture.completedFuture(error(TablesError.UnknownOperationException, null, null));
            }
            SignatureCheck.check(auth.authorization(), auth.hasDate(), auth.query());
            account = authorizer.authorize();
        } catch (RuntimeException e) {
            // Refused before it is known whose call it is: no account's metrics count it.
            TablesException refused = asTablesException(e);
            return CompletableFuture.completedFuture(error(refused.error(), refused.getMessage(), refused));
        }
        return account.answer(operation, account.actions.get(operation), json);
    }

    private CompletableFuture<Answer> answer(String operation, TablesAction action, JsonNode json) {
        try {
            if (json == null) {
                throw SerializationError.of(null);
            }
            Map<String, Object> values = RequestReader.read(json, action.fields());
            Constraints.check(values, action.fields());
            Request request = new Request(values);
            CompletableFuture<Reply> reply = action.execute(request);
            String table = action.tableOf(request);
            return reply.handle((r, failure) -> failure == null ? success(operation, table, r) : failed(operation, unwrap(failure)));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(operation, e));
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw SerializationError.of(null);
            }
            return node;
        } catch (IOException e) {
            throw SerializationError.of(null);
        }
    }

    private Answer success(String operation, String table, Reply reply) {
        service.metrics().call(operation, table);
        return new Answer(200, CONTENT_TYPE, write(reply), null);
    }

    private Answer failed(String operation, Throwable failure) {
        TablesException e = asTablesException(failure);
        service.metrics().error(operation, e.error().name());
        return error(e.error(), e.getMessage(), e);
    }

    private static TablesException asTablesException(Throwable failure) {
        if (failure instanceof TablesException t) {
            return t;
        }
        if (failure instanceof StoreException s) {
            LOG.error("Table storage failed", s);
            return new TablesException(TablesError.InternalServerError, "Internal server error: the table storage failed ("
                    + s.getMessage() + "); restart the server to recover from its journal");
        }
        LOG.error("Internal failure while answering a DynamoDB request", failure);
        return new TablesException(TablesError.InternalServerError, "Internal server error");
    }

    private static Answer error(TablesError error, String message, TablesException e) {
        byte[] body = write(out -> {
            out.writeStartObject();
            out.writeStringField("__type", error.wireType());
            if (message != null) {
                // As DynamoDB: "Message" for these two, "message" for the rest.
                boolean capital = error == TablesError.SerializationException || error == TablesError.TransactionCanceledException;
                out.writeStringField(capital ? "Message" : "message", message);
            }
            if (e != null && e.item() != null) {
                out.writeFieldName("Item");
                AttributeValues.writeItem(out, e.item());
            }
            if (e != null && e.reasons() != null) {
                out.writeArrayFieldStart("CancellationReasons");
                for (TablesException.CancellationReason r : e.reasons()) {
                    out.writeStartObject();
                    out.writeStringField("Code", r.code());
                    if (r.message() != null) {
                        out.writeStringField("Message", r.message());
                    }
                    if (r.item() != null) {
                        out.writeFieldName("Item");
                        AttributeValues.writeItem(out, r.item());
                    }
                    out.writeEndObject();
                }
                out.writeEndArray();
            }
            out.writeEndObject();
        });
        return new Answer(error.isServerFault() ? 500 : 400, CONTENT_TYPE, body, error.name());
    }

    static byte[] write(Reply reply) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
            reply.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Throwable unwrap(Throwable failure) {
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }
}
