package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.CompletableFuture;
import wildrydes.errors.KinesisException;
import wildrydes.fanout.ConsumerResources;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.StreamSettingsUpdates;

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

    private final Rooms rooms;
    private final Kind kind;

    /** Where policies are kept: in the stream's settings, or with its consumers. */
    record Rooms(ServiceSettings settings, StreamSettingsUpdates streams, ConsumerResources consumers) {
        String policy(ResourceArns resource) {
            return resource.consumerArn() == null ? streams.resourcePolicy(resource.streamName())
                    : consumers.policy(resource.streamName(), resource.consumerArn());
        }

        void putPolicy(ResourceArns resource, String policy) {
            if (resource.consumerArn() == null) {
                streams.putResourcePolicy(resource.streamName(), policy);
            } else {
                consumers.putPolicy(resource.streamName(), resource.consumerArn(), policy);
            }
        }
    }

    private ResourcePolicies(Rooms rooms, Kind kind) {
        this.rooms = rooms;
        this.kind = kind;
    }

    static ResourcePolicies put(Rooms rooms) {
        return new ResourcePolicies(rooms, Kind.PUT);
    }

    static ResourcePolicies get(Rooms rooms) {
        return new ResourcePolicies(rooms, Kind.GET);
    }

    static ResourcePolicies delete(Rooms rooms) {
        return new ResourcePolicies(rooms, Kind.DELETE);
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
        ResourceArns resource = ResourceArns.parse(arn, rooms.settings());
        switch (kind) {
            case PUT -> {
                String policy = request.string("Policy");
                checkPolicy(policy);
                rooms.putPolicy(resource, policy);
            }
            case DELETE -> {
                if (rooms.policy(resource) == null) {
                    throw KinesisException.notFound("No resource policy found for resource ARN " + arn + ".");
                }
                rooms.putPolicy(resource, null);
            }
            case GET -> {
                String policy = rooms.policy(resource);
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
