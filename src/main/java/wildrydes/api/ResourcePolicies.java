package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.CompletableFuture;
import wildrydes.errors.KinesisException;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamService;

/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy. The policy document is kept
 * with its resource (a stream or a consumer) and returned as given; it is checked to be a JSON
 * object but not enforced, as nothing here is authorised by policy.
 */
public final class ResourcePolicies implements Action {
    enum Kind { PUT, GET, DELETE }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Shape PUT_INPUT = Shape.structure(
            required("ResourceARN", ResourceArns.RESOURCE_ARN),
            required("Policy", Shape.string().length(1, 20480)),
            optional("StreamId", Shapes.STREAM_ID));
    private static final Shape ARN_INPUT = Shape.structure(
            required("ResourceARN", ResourceArns.RESOURCE_ARN),
            optional("StreamId", Shapes.STREAM_ID));

    private final StreamService service;
    private final Kind kind;

    private ResourcePolicies(StreamService service, Kind kind) {
        this.service = service;
        this.kind = kind;
    }

    public static ResourcePolicies put(StreamService service) {
        return new ResourcePolicies(service, Kind.PUT);
    }

    public static ResourcePolicies get(StreamService service) {
        return new ResourcePolicies(service, Kind.GET);
    }

    public static ResourcePolicies delete(StreamService service) {
        return new ResourcePolicies(service, Kind.DELETE);
    }

    @Override
    public String name() {
        return switch (kind) {
            case PUT -> "PutResourcePolicy";
            case GET -> "GetResourcePolicy";
            case DELETE -> "DeleteResourcePolicy";
        };
    }

    @Override
    public Shape input() {
        return kind == Kind.PUT ? PUT_INPUT : ARN_INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        String arn = request.string("ResourceARN");
        ResourceArns resource = ResourceArns.parse(arn, service.settings());
        switch (kind) {
            case PUT -> {
                String policy = request.string("Policy");
                checkPolicy(policy);
                service.putResourcePolicy(resource.streamName(), resource.consumerArn(), policy);
            }
            case DELETE -> {
                if (service.resourcePolicy(resource.streamName(), resource.consumerArn()) == null) {
                    throw KinesisException.notFound("No resource policy found for resource ARN " + arn + ".");
                }
                service.putResourcePolicy(resource.streamName(), resource.consumerArn(), null);
            }
            case GET -> {
                String policy = service.resourcePolicy(resource.streamName(), resource.consumerArn());
                return Action.done(w -> w.startObject().string("Policy", policy == null ? "{}" : policy).endObject());
            }
        }
        return Action.done(Response.EMPTY);
    }

    private static void checkPolicy(String policy) {
        JsonNode document;
        try {
            document = JSON.readTree(policy);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw KinesisException.invalidArgument("The resource policy is not valid JSON: " + e.getOriginalMessage());
        }
        if (document == null || !document.isObject() || !document.has("Statement")) {
            throw KinesisException.invalidArgument("The resource policy must be a JSON object with a Statement.");
        }
    }
}
