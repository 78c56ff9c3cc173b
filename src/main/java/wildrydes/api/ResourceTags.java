package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamService;

/** TagResource, UntagResource and ListTagsForResource: tags by resource ARN (streams and consumers). */
public final class ResourceTags implements Action {
    enum Kind { TAG, UNTAG, LIST }

    private static final Shape TAG_INPUT = Shape.structure(
            required("Tags", Shape.map(Shapes.TAG_KEY, Shapes.TAG_VALUE).length(1, 50)),
            required("ResourceARN", ResourceArns.RESOURCE_ARN),
            optional("StreamId", Shapes.STREAM_ID));
    private static final Shape UNTAG_INPUT = Shape.structure(
            required("TagKeys", Shape.list(Shapes.TAG_KEY).length(1, 50)),
            required("ResourceARN", ResourceArns.RESOURCE_ARN),
            optional("StreamId", Shapes.STREAM_ID));
    private static final Shape LIST_INPUT = Shape.structure(
            required("ResourceARN", ResourceArns.RESOURCE_ARN),
            optional("StreamId", Shapes.STREAM_ID));

    private final StreamService service;
    private final Kind kind;

    private ResourceTags(StreamService service, Kind kind) {
        this.service = service;
        this.kind = kind;
    }

    public static ResourceTags tag(StreamService service) {
        return new ResourceTags(service, Kind.TAG);
    }

    public static ResourceTags untag(StreamService service) {
        return new ResourceTags(service, Kind.UNTAG);
    }

    public static ResourceTags list(StreamService service) {
        return new ResourceTags(service, Kind.LIST);
    }

    @Override
    public String name() {
        return switch (kind) {
            case TAG -> "TagResource";
            case UNTAG -> "UntagResource";
            case LIST -> "ListTagsForResource";
        };
    }

    @Override
    public Shape input() {
        return switch (kind) {
            case TAG -> TAG_INPUT;
            case UNTAG -> UNTAG_INPUT;
            case LIST -> LIST_INPUT;
        };
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        ResourceArns resource = ResourceArns.parse(request.string("ResourceARN"), service.settings());
        switch (kind) {
            case TAG -> service.addResourceTags(resource.streamName(), resource.consumerArn(), CreateStream.tags(request.map("Tags")));
            case UNTAG -> service.removeResourceTags(resource.streamName(), resource.consumerArn(), request.list("TagKeys"));
            case LIST -> {
                Map<String, String> tags = service.resourceTags(resource.streamName(), resource.consumerArn());
                return Action.done(w -> {
                    w.startObject().startArray("Tags");
                    tags.forEach((k, v) -> w.startObject().string("Key", k).string("Value", v).endObject());
                    w.endArray().endObject();
                });
            }
        }
        return Action.done(Response.EMPTY);
    }
}
